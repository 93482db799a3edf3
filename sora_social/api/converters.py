"""URL converters: ids are bounded to what a 64-bit database column holds, so a giant id is a 404, not a 500."""


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
