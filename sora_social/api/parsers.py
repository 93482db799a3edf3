"""The API's request parsers."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class JsonBodyParser(JSONParser):
    """DRF's JSON parser, answering a body nested too deeply for Python's parser as the malformed JSON it is.

    DRF turns only ValueError into a 400: `{"prompt": [[[...` 50,000 deep raised RecursionError, a 500
    (tests/generation/test_generation_attacks_round2.py)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError("JSON parse error - the body is nested too deeply.") from exc
