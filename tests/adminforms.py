"""Submit a Django admin form the way a browser would: every field as the page renders it."""

from html.parser import HTMLParser


class FormScraper(HTMLParser):
    """Collects the fields of the admin's model form (<form id="…_form">), not the logout form."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._done = False
        self._select: str | None = None
        self._select_chosen: list[str] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._done:
            return
        if tag == "form" and (a.get("id") or "").endswith("_form"):
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self.fields.append((name, a.get("value") or "on"))
                return
            self.fields.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select, self._select_chosen = name, []
        elif tag == "option" and self._select is not None and "selected" in a:
            self._select_chosen.append(a.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            self.fields.extend((self._select, value) for value in self._select_chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the newline that follows <textarea>, and send its lines with CRLF.
            text = "".join(self._text)
            text = text[1:] if text.startswith("\n") else text
            self.fields.append((self._textarea, text.replace("\n", "\r\n")))
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True


def form_data(html: str) -> dict[str, str | list[str]]:
    scraper = FormScraper()
    scraper.feed(html)
    data: dict[str, str | list[str]] = {}
    for name, value in scraper.fields:
        if name in data:
            existing = data[name]
            data[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            data[name] = value
    return data


def submit(client, url: str, **overrides) -> "object":
    """GET the admin form at url, apply overrides, POST it back; returns the response."""
    page = client.get(url)
    assert page.status_code == 200, f"{url} answered {page.status_code}"
    data = form_data(page.content.decode())
    data.update({k: v for k, v in overrides.items()})
    data["_save"] = "保存"
    return client.post(url, data)
