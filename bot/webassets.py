"""The web chat's static files, read once and served under a content-hashed name.

`/static/chat.3f2a9c1b.css` never changes (a new version gets a new name), so browsers may
keep it for a year; the page, which holds answers, is never cached. Compression is the
server's middleware's job, as for every text response.
"""

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

STATIC = Path(__file__).parent / "static"
FOREVER = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class Asset:
    url: str
    body: bytes
    content_type: str


class Assets:
    """Every file under bot/static, by its plain name ('chat.css') and by its hashed URL."""

    def __init__(self, folder: Path = STATIC) -> None:
        self.by_name: dict[str, Asset] = {}
        self.by_url: dict[str, Asset] = {}
        for path in sorted(folder.iterdir()):
            if not path.is_file():
                continue
            body = path.read_bytes()
            digest = hashlib.sha256(body).hexdigest()[:10]
            url = f"/static/{path.stem}.{digest}{path.suffix}"
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            asset = Asset(url, body, content_type)
            self.by_name[path.name] = asset
            self.by_url[url] = asset

    def url(self, name: str) -> str:
        return self.by_name[name].url

    def response(self, url: str) -> web.Response:
        asset = self.by_url.get(url)
        if asset is None:
            raise web.HTTPNotFound()
        charset = "utf-8" if asset.content_type.startswith(("text/", "image/svg")) else None
        response = web.Response(body=asset.body, content_type=asset.content_type, charset=charset)
        response.headers["Cache-Control"] = FOREVER
        return response


ASSETS = Assets()
