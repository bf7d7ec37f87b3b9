"""`stance models`: list the trained models, activate one, or roll back (registry.py)."""

from __future__ import annotations

import json

from training.cli.common import add_model_options, log, models_dir
from training.errors import InputError

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    m = subparsers.add_parser("models", help="list trained models, activate one, or roll back")
    m.add_argument("action", nargs="?", default="list", choices=["list", "activate", "rollback"])
    m.add_argument("id", nargs="?", help="model ID for 'activate'")
    m.add_argument("--json", action="store_true")
    add_model_options(m, model=False)
    m.set_defaults(func=run)


def run(args) -> int:
    from training import registry

    d = models_dir(args)
    if args.action in ("activate", "rollback"):
        if args.action == "activate" and not args.id:
            raise InputError("expected a model ID after 'activate', found none")
        if args.action == "activate":
            registry.activate(d, args.id)
        print(f"activated {args.id if args.action == 'activate' else registry.rollback(d)}")
        log(
            "a running service switches to it within its reload interval (STANCE_RELOAD_INTERVAL), "
            "or at once on POST /v1/admin/reload"
        )
        return 0
    rows = [
        {k: c.get(k) for k in ("id", "created", "labels", "rows", "active")}
        | {"heldout_macro_f1": ((c.get("metrics") or {}).get("heldout") or {}).get("macro_f1")}
        for c in registry.list_models(d)
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
    elif not rows:
        print(f"no models in {d}")
    else:
        width = max(len(r["id"]) for r in rows)
        print(f"  {'ID':<{width}}  {'CREATED':<25}  {'ROWS':>6}  {'HELD-OUT F1':>11}  LABELS")
        for r in rows:
            f1 = "-" if r["heldout_macro_f1"] is None else f"{r['heldout_macro_f1']:.4f}"
            print(
                f"{'*' if r['active'] else ' '} {r['id']:<{width}}  {r['created'] or '-':<25}  {r['rows'] or '-':>6}"
                f"  {f1:>11}  {','.join(r['labels'] or [])}"
            )
    return 0
