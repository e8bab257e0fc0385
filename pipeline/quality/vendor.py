"""The scripts, styles and fonts GX Data Docs pages load, vendored from the npm registry.

`static/vendor.json` lists each file: the CDN address GX's templates use, the npm package and
path it was copied from, and its licence. `offline_html` points a page at the copies;
`python -m pipeline.quality.vendor` downloads the listed packages again with `npm pack`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from functools import lru_cache
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"
VENDOR = STATIC / "vendor"
# GX's logo and dark-mode logo live on its S3 bucket; the site's own static/images has the logo.
_GX_ASSETS = re.compile(
    r"https://great-expectations-web-assets\.s3\.us-east-2\.amazonaws\.com/[\w.-]+(\?[^\"')\s]*)?"
)
_TAG = re.compile(r"<(script|link|img)\b[^>]*>", re.IGNORECASE)
_REMOTE_ATTR = re.compile(r"""\b(src|href)\s*=\s*["'](https?://[^"']+)["']""", re.IGNORECASE)
_SRI = re.compile(r"""\s+(integrity|crossorigin)\s*=\s*["'][^"']*["']""", re.IGNORECASE)
# GX's templates count "../" from the suite name; validation pages get one too few for some files
_STATIC_REF = re.compile(r"""(\b(?:src|href)=["'])(?:\./|(?:\.\./)+)static/""")


@lru_cache(maxsize=1)
def assets() -> tuple[dict, ...]:
    """The entries of `static/vendor.json`."""
    return tuple(json.loads((STATIC / "vendor.json").read_text(encoding="utf-8"))["assets"])


def offline_map() -> dict[str, str]:
    """CDN address -> vendored file (relative to `vendor/`)."""
    return {a["url"]: a["file"] for a in assets() if a["url"]}


def install(static_dir: Path) -> Path:
    """Copy the vendored files into a site's `static/vendor/` (only what is missing or changed)."""
    target = Path(static_dir) / "vendor"
    for source in VENDOR.rglob("*"):
        if source.is_dir():
            continue
        dest = target / source.relative_to(VENDOR)
        if not dest.is_file() or dest.stat().st_size != source.stat().st_size:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
    return target


def offline_html(html: str, to_site_root: str) -> str:
    """`html` with every CDN script, style and image replaced by the site's local copy.

    `to_site_root` is the relative path from the page to the site root ("" or "../../").
    Integrity and crossorigin attributes go too: browsers refuse crossorigin files on file://.
    """
    mapping = offline_map()

    def local(match: re.Match) -> str:
        tag = match.group(0)
        found = _REMOTE_ATTR.search(tag)
        if not found or found.group(2) not in mapping:
            return tag
        path = f"{to_site_root}static/vendor/{mapping[found.group(2)]}"
        tag = tag[: found.start(2)] + path + tag[found.end(2) :]
        return _SRI.sub("", tag)

    html = _TAG.sub(local, html)
    html = _STATIC_REF.sub(lambda m: f"{m.group(1)}{to_site_root}static/", html)
    return _GX_ASSETS.sub(f"{to_site_root}static/images/logo-long.png", html)


def remote_resources(html: str) -> list[str]:
    """Addresses a page would fetch from the network (scripts, styles, images, CSS urls)."""
    # hyperlinks (<a href>) are not fetched; scripts, stylesheets and images are
    found = [m.group(2) for tag in _TAG.finditer(html) for m in _REMOTE_ATTR.finditer(tag.group(0))]
    found += re.findall(r"url\(\s*[\"']?(https?://[^\"')\s]+)", html)
    return found


def fetch(dest: Path = VENDOR) -> None:
    """Download every listed package with `npm pack` and copy the listed files into `dest`."""
    with tempfile.TemporaryDirectory() as tmp:
        packed: dict[str, Path] = {}
        for asset in assets():
            package = asset["package"]
            if package not in packed:
                out = subprocess.run(
                    ["npm", "pack", "--silent", package],
                    cwd=tmp,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout.split()[-1]
                folder = Path(tmp) / package.replace("/", "_")
                with tarfile.open(Path(tmp) / out) as tar:
                    tar.extractall(folder, filter="data")
                packed[package] = folder / "package"
            target = dest / asset["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(packed[package] / asset["path"], target)
            print(f"{package}/{asset['path']} -> {target}", file=sys.stderr)


if __name__ == "__main__":
    fetch()
