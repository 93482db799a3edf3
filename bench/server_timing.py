"""Benchmark-only middleware: how long Django itself spent on a request, as a Server-Timing header, so the
feed benchmark can tell time spent in the view from time spent waiting (queueing, the ASGI hop, the client)."""

import time


def server_timing(get_response):
    def middleware(request):
        started = time.perf_counter()
        response = get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"
        return response

    return middleware
