"""gunicorn's worker for the web processes (deploy/gunicorn.conf.py): uvicorn's, with the WebSocket frame bound.

uvicorn takes WebSocket messages of up to 16 MiB by default, and the consumer decodes a text frame's JSON on the
event loop that every socket and request of the process shares: one client's 16 MB frame took 0.7 s and ~380 MB
(tests/test_realtime_attacks_round2.py). Clients send only keep-alive pings, a few bytes. Past this bound uvicorn
closes the socket with 1009 ("message too big") before anything is decoded; the consumer refuses the same on servers
that take more (sora_social.notifications.consumers).
"""

from uvicorn_worker import UvicornWorker

WEBSOCKET_MAX_FRAME_BYTES = 128 * 1024


class SoraUvicornWorker(UvicornWorker):
    CONFIG_KWARGS = {**UvicornWorker.CONFIG_KWARGS, "ws_max_size": WEBSOCKET_MAX_FRAME_BYTES}
