"""Links the archive shows that came from documents: only web addresses a reader may follow."""

from urllib.parse import urlsplit

WEB_SCHEMES = {"http", "https"}


def is_web_address(url: str) -> bool:
    """An http(s) address with a host; javascript:, data:, file: and the like are not."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. a malformed IPv6 host
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)
