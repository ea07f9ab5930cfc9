"""stanza models for the stanza engine: what is installed and where, and their download.

    quotes models status [--dir DIR] [--json]
    quotes models download [--lang en] [--dir DIR]

The models live where stanza keeps them: `--dir`, else `$STANZA_RESOURCES_DIR`, else stanza's own
default (a cache folder per stanza resources version). `status` reads `resources.json` and the model
files on disk and never touches the network; `download` wraps `stanza.download`.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Dict, List, Optional, Tuple

from .errors import QuotesError

ENV = "STANZA_RESOURCES_DIR"
REQUIRED = ("tokenize", "pos", "lemma", "depparse", "ner")  # what the stanza engine runs (mwt too, where a language has it)
NO_STANZA = "stanza is not installed: pip install 'quotes[stanza]' (or use the fast engine: --engine fast)"


def stanza_version() -> Optional[str]:
    """The installed stanza's version, read from its metadata (stanza itself is not imported)."""
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:  # pragma: no cover (Python < 3.8)
        return None
    try:
        return version("stanza")
    except PackageNotFoundError:
        return None


def models_dir(explicit: Optional[str] = None) -> Tuple[str, str]:
    """(folder, where the choice came from): the argument, $STANZA_RESOURCES_DIR, or stanza's default."""
    if explicit:
        return os.path.abspath(os.path.expanduser(explicit)), "--dir"
    env = os.environ.get(ENV, "").strip()
    if env:
        return os.path.abspath(os.path.expanduser(env)), ENV
    if stanza_version() is None:
        return "", "stanza not installed"
    from stanza.resources.common import USER_CACHE_DIR  # the default stanza itself uses
    return os.path.join(USER_CACHE_DIR, "resources"), "stanza default"


def _resources(where: str) -> Optional[dict]:
    path = os.path.join(where, "resources.json")
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _lang_resources(resources: Optional[dict], lang: str) -> Tuple[str, Optional[dict]]:
    """The language's entry in resources.json, following aliases (`english` -> `en`)."""
    entry = (resources or {}).get(lang)
    seen = set()
    while isinstance(entry, dict) and "alias" in entry and entry["alias"] not in seen:
        seen.add(entry["alias"])
        lang = entry["alias"]
        entry = resources.get(lang)
    return lang, entry if isinstance(entry, dict) else None


def _on_disk(where: str, lang: str) -> Dict[str, List[str]]:
    """processor -> packages whose model file is in <dir>/<lang>/<processor>/<package>.pt."""
    out: Dict[str, List[str]] = {}
    base = os.path.join(where, lang)
    if not os.path.isdir(base):
        return out
    for proc in sorted(os.listdir(base)):
        pdir = os.path.join(base, proc)
        if os.path.isdir(pdir):
            pkgs = sorted(f[:-3] for f in os.listdir(pdir) if f.endswith(".pt"))
            if pkgs:
                out[proc] = pkgs
    return out


def language_status(lang: str, where: str) -> dict:
    """What one language has in `where`: processors on disk, stanza's default packages, the models
    the stanza engine needs that are missing, and whether the engine can run (`ready`)."""
    resources = _resources(where) if where else None
    lang, entry = _lang_resources(resources, lang)
    present = _on_disk(where, lang) if where else {}
    # the packages a Pipeline loads for `processors="tokenize,..."`: the `default` package of the language
    chosen = ((entry or {}).get("packages") or {}).get("default") or (entry or {}).get("default_processors") or {}
    default = {k: v for k, v in chosen.items() if k != "optional"}
    missing: List[str] = []
    needed = list(REQUIRED) + (["mwt"] if "mwt" in default else [])
    for proc in needed:
        if entry is None:
            if proc not in present and proc != "mwt":
                missing.append(proc)
            continue
        pkgs = default.get(proc)
        if pkgs is None:
            missing.append(f"{proc} (stanza has no default {proc} model for {lang})")
            continue
        for pkg in pkgs if isinstance(pkgs, list) else [pkgs]:
            if proc == "lemma" and pkg == "identity":
                continue
            if pkg not in present.get(proc, []):
                missing.append(f"{proc}/{pkg}")
                continue
            for dep in ((entry.get(proc) or {}).get(pkg) or {}).get("dependencies") or []:
                model, package = dep.get("model"), dep.get("package")
                if model and package and package not in present.get(model, []):
                    missing.append(f"{model}/{package}")
    return {"lang": lang, "name": (entry or {}).get("lang_name", ""), "resources_json": resources is not None,
            "present": present, "default": default, "optional": dict(chosen.get("optional") or {}),
            "missing": sorted(set(missing), key=missing.index),
            "ready": resources is not None and entry is not None and not missing}


def missing_message(lang: str, where: str, source: str, info: Optional[dict] = None) -> str:
    """The one line the stanza engine says when it cannot run for lack of models."""
    if not where:
        return NO_STANZA
    what = "no stanza models"
    if info is not None and info.get("resources_json") and info.get("missing") and info.get("present"):
        what = "stanza models missing (" + ", ".join(info["missing"][:4]) + ")"
    elif info is not None and not info.get("resources_json") and os.path.isdir(where):
        what = "no stanza models (no resources.json)"
    return (f"{what} for {lang!r} in {where} ({source}): run `quotes models download --lang {lang}`, "
            f"or use the fast engine: --engine fast")


def status(resources_dir: Optional[str] = None) -> dict:
    """What is installed, where, and for which stanza: a dict (see `format_status`)."""
    version = stanza_version()
    where, source = models_dir(resources_dir)
    resources_version = None
    if version is not None:
        from stanza._version import __resources_version__ as resources_version
    langs = {}
    if where and os.path.isdir(where):
        resources = _resources(where) or {}
        for lang in sorted(os.listdir(where)):
            if os.path.isdir(os.path.join(where, lang)) and (lang in resources or _on_disk(where, lang)):
                langs[lang] = language_status(lang, where)
    return {"stanza": version, "resources_version": resources_version, "resources_dir": where or None,
            "source": source, "from_env": source == ENV, "exists": bool(where) and os.path.isdir(where),
            "resources_json": bool(where) and os.path.isfile(os.path.join(where, "resources.json")),
            "languages": langs}


def format_status(st: dict) -> str:
    lines = []
    if st["stanza"] is None:
        lines.append("stanza not installed: pip install 'quotes[stanza]' (the fast engine needs nothing)")
    else:
        lines.append(f"stanza {st['stanza']} (models of resources version {st['resources_version']})")
    if st["resources_dir"]:
        state = "" if st["exists"] else " (does not exist)"
        lines.append(f"models folder: {st['resources_dir']}{state} (from {st['source']})")
        lines.append(f"resources.json: {'present' if st['resources_json'] else 'missing'}")
    for lang, info in st["languages"].items():
        name = f" ({info['name']})" if info["name"] else ""
        verdict = "ready for --engine stanza" if info["ready"] else "not ready: missing " + ", ".join(info["missing"])
        lines.append(f"{lang}{name}: {verdict}")
        for proc, pkgs in info["present"].items():
            mark = " (default: %s)" % info["default"][proc] if proc in info["default"] and \
                info["default"][proc] not in pkgs else ""
            lines.append(f"  {proc}: {', '.join(pkgs)}{mark}")
    if st["stanza"] is not None and not any(i["ready"] for i in st["languages"].values()):
        lines.append("no language is ready: run `quotes models download --lang en` (or use --engine fast)")
    return "\n".join(lines)


def download(lang: str = "en", resources_dir: Optional[str] = None, resources_url: Optional[str] = None) -> str:
    """Download stanza's default models for `lang` into the models folder; returns the folder.
    `resources_url` overrides where stanza looks up its models (default: stanza's, or
    $STANZA_RESOURCES_URL). Raises QuotesError with one line when stanza is missing or the download fails."""
    if stanza_version() is None:
        raise QuotesError(NO_STANZA)
    where, _ = models_dir(resources_dir)
    import stanza
    try:
        os.makedirs(where, exist_ok=True)
        kwargs = {"resources_url": resources_url} if resources_url else {}
        stanza.download(lang, model_dir=where, logging_level="WARN", **kwargs)
    except Exception as e:  # network, disk, unknown language: one line, never a traceback
        raise QuotesError(f"could not download stanza models for {lang!r} into {where}: {_reason(e)}") from None
    return where


def _reason(e: BaseException) -> str:
    names = {type(x).__name__ for x in _chain(e)}
    if names & {"ConnectionError", "NameResolutionError", "MaxRetryError", "NewConnectionError", "Timeout",
                "ConnectTimeout", "ReadTimeout", "ProxyError", "SSLError"}:
        return "no connection to the model server (a network is needed to download)"
    text = " ".join(str(e).split())
    return (text[:200] + "...") if len(text) > 200 else (text or type(e).__name__)


def _chain(e: BaseException):
    seen = 0
    while e is not None and seen < 10:
        yield e
        e = e.__cause__ or e.__context__
        seen += 1


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="quotes models", description="stanza models for --engine stanza")
    sub = parser.add_subparsers(dest="command", metavar="{status,download}")
    st = sub.add_parser("status", help="what is installed, where, and for which stanza version")
    st.add_argument("--dir", help=f"models folder (default: ${ENV}, else stanza's default)")
    st.add_argument("--json", action="store_true", help="print the status as JSON")
    dl = sub.add_parser("download", help="download stanza's default models for a language")
    dl.add_argument("--lang", default="en", help="language code (default: en)")
    dl.add_argument("--dir", help=f"models folder (default: ${ENV}, else stanza's default)")
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_usage(sys.stderr)
        print("quotes models: error: choose a command: status or download", file=sys.stderr)
        return 2
    try:
        if args.command == "status":
            st_ = status(args.dir)
            print(json.dumps(st_, indent=2) if args.json else format_status(st_))
            return 0
        if stanza_version() is None:
            raise QuotesError(NO_STANZA)
        where, source = models_dir(args.dir)
        print(f"downloading stanza models for {args.lang!r} into {where} (from {source}) ...")
        download(args.lang, args.dir)
        info = language_status(args.lang, where)
        print(f"done: {args.lang} is " + ("ready for --engine stanza" if info["ready"] else
                                          "still missing " + ", ".join(info["missing"])))
        return 0 if info["ready"] else 1
    except QuotesError as e:
        print(f"quotes models: error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
