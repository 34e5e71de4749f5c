"""`cdo ...`: the CDO workspace headless (import, status, export, report, trust, round, quarantine); `cdo` alone opens its window."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from algoinventaris.cli.keys import cli_lang
from algoinventaris.cli.output import EXIT_FAILED, EXIT_INPUT, EXIT_OK, EXIT_USAGE, error, print_json

IMPORT_EPILOG = """\
results (one per package; --json prints one object per line with file, result, reason):
  imported     verified and stored
  superseded   verified and stored; it replaces an earlier submission of the same algorithm (kept as history)
  duplicate    exactly these bytes were imported before (or wait in quarantine): nothing changed
  quarantined  held for a decision (unknown questionnaire version, outcome differs from our recomputation,
               same submission id with other content): see `cdo quarantine list`
  refused      not stored; the reason names the failing check (zip, manifest, signature, key not enrolled
               for the unit, key revoked, changed file, answers that do not fit the questionnaire)

exit codes: 0 every package is in the database, 1 something was refused or quarantined, 3 no packages or
the database cannot be opened
"""


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", dest="cdo_db", metavar="PATH_OR_URL", default=argparse.SUPPRESS,
                        help="the CDO database: a file, sqlite:///FILE or postgresql+psycopg://USER@HOST/DB "
                             "(default: ALGOINVENTARIS_CDO_DB, else cdo.sqlite3 in the data folder)")
    common.add_argument("--actor", metavar="NAME", default=argparse.SUPPRESS,
                        help="who does this, for the audit trail (default: ALGOINVENTARIS_CDO_USER or the login name)")
    common.add_argument("--lang", choices=["nl", "en"], default=argparse.SUPPRESS, help="language of the messages (default nl)")
    return common


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    common = _common()
    cdo = sub.add_parser("cdo", parents=[common], help="the CDO workspace: import packages, dashboard, exports (no command: window)",
                         description="The CDO workspace. Without a command its window opens.")
    cdo.set_defaults(handler=cmd_gui)
    cmds = cdo.add_subparsers(dest="cdo_command", metavar="COMMAND")

    imp = cmds.add_parser("import", parents=[common], help="import packages (files or folders of *.zip)",
                          description="Verify and import submission packages.", epilog=IMPORT_EPILOG,
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    imp.add_argument("paths", nargs="+", metavar="PATH", help="package files, or folders holding them")
    imp.add_argument("--json", action="store_true", help="print one JSON object per package")
    imp.set_defaults(handler=cmd_import)

    st = cmds.add_parser("status", parents=[common], help="counts per round, unit and category (A, B, C)")
    st.add_argument("--round", metavar="NAME", help="only this round")
    st.add_argument("--json", action="store_true", help="print JSON")
    st.set_defaults(handler=cmd_status)

    exp = cmds.add_parser("export", parents=[common], help="write the register file, or the inventory as CSV or XLSX")
    exp_sub = exp.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    for kind, text in (("register", "the register file (JSON, register standard 1.0): publishable A/B records only"),
                       ("csv", "the inventory as CSV (one row per algorithm)"),
                       ("xlsx", "the inventory as an Excel workbook (one row per algorithm, filters on)")):
        p = exp_sub.add_parser(kind, parents=[common], help=text)
        p.add_argument("--round", metavar="NAME", required=kind == "register", help="the round (register: required)")
        p.add_argument("--out", required=True, metavar="FILE", help="the file to write")
        p.add_argument("--json", action="store_true", help="print a JSON summary")
        p.set_defaults(handler=cmd_export, kind=kind)

    rep = cmds.add_parser("report", parents=[common], help="the yearly progress report (PDF) of a round")
    rep.add_argument("--round", required=True, metavar="NAME")
    rep.add_argument("--out", required=True, metavar="FILE.pdf")
    rep.add_argument("--department", metavar="NAME", help="only this department (organisation)")
    rep.set_defaults(handler=cmd_report)

    trust = cmds.add_parser("trust", parents=[common], help="enrol and revoke owners' keys and CA certificates")
    trust_sub = trust.add_subparsers(dest="trust_command", metavar="WHAT", required=True)
    add = trust_sub.add_parser("add", parents=[common], help="enrol a public key (--key) or CA certificate (--ca) for a unit")
    add.add_argument("--unit", required=True, metavar="UNIT", help="the organisation unit, as the owners' packages name it")
    what = add.add_mutually_exclusive_group(required=True)
    what.add_argument("--key", metavar="FILE.pem", help="the owner's exported Ed25519 public key")
    what.add_argument("--ca", metavar="CA.pem", help="a CA certificate (PEM) whose certificates may sign (CMS)")
    add.add_argument("--organisation", metavar="NAME", help="the department the unit belongs to (for reports)")
    add.add_argument("--label", default="", metavar="TEXT", help="a note, e.g. the owner's name")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_trust_add)
    rev = trust_sub.add_parser("revoke", parents=[common], help="revoke a key or CA from a moment on")
    rev.add_argument("fingerprint", metavar="FINGERPRINT", help="SHA256:... as `cdo trust list` shows it (spaces allowed)")
    rev.add_argument("--from", dest="revoked_from", metavar="DATE",
                     help="packages made from this moment on are refused (YYYY-MM-DD or RFC 3339; default: now)")
    rev.add_argument("--unit", metavar="UNIT", help="only for this unit")
    rev.add_argument("--reason", default="", metavar="TEXT")
    rev.set_defaults(handler=cmd_trust_revoke)
    lst = trust_sub.add_parser("list", parents=[common], help="every enrolled key and CA")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_trust_list)

    rnd = cmds.add_parser("round", parents=[common], help="declare rounds and the units expected to deliver")
    rnd_sub = rnd.add_subparsers(dest="round_command", metavar="WHAT", required=True)
    radd = rnd_sub.add_parser("add", parents=[common], help="declare a round (and its units)")
    radd.add_argument("name", metavar="NAME")
    radd.add_argument("--units", default="", metavar="U1,U2,...", help="units expected to deliver, comma-separated")
    radd.set_defaults(handler=cmd_round_add)
    rlist = rnd_sub.add_parser("list", parents=[common], help="every round with its units")
    rlist.add_argument("--json", action="store_true")
    rlist.set_defaults(handler=cmd_round_list)
    rcreate = rnd_sub.add_parser(
        "create", parents=[common], help="declare a round with its deadline, units, questionnaires and migration maps",
        description="Declare (or re-declare) a round for a round bundle. Every questionnaire must pass `forms check` and "
                    "every migration map must fit the questionnaires it connects; otherwise nothing is stored.")
    rcreate.add_argument("name", metavar="NAME")
    rcreate.add_argument("--deadline", metavar="YYYY-MM-DD", help="when the packages are due")
    rcreate.add_argument("--units", default="", metavar="U1,U2,...", help="units expected to deliver, comma-separated")
    rcreate.add_argument("--organisation", metavar="NAME", help="whose round it is (remembered; owners' apps refuse "
                         "a bundle for another organisation)")
    rcreate.add_argument("--forms", nargs="+", default=[], metavar="FORM",
                         help="the questionnaires of the round: form folders or official decision-tree files "
                              "(default: the app's own forms)")
    rcreate.add_argument("--old-forms", nargs="+", default=[], metavar="FORM",
                         help="earlier versions that last year's answers may have been given under (the maps start there)")
    rcreate.add_argument("--maps", nargs="+", default=[], metavar="MAP.yaml", help="migration maps to the round's questionnaires")
    rcreate.add_argument("--json", action="store_true")
    rcreate.set_defaults(handler=cmd_round_create)
    rbundle = rnd_sub.add_parser("export-bundle", parents=[common], help="write the signed round bundle for the owners",
                                 description="Sign and write a round bundle with the CDO key (created on first use). The "
                                             "passphrase comes from --passphrase-file, ALGOINVENTARIS_KEY_PASSPHRASE or a prompt.")
    rbundle.add_argument("name", metavar="NAME")
    rbundle.add_argument("--out", required=True, metavar="FILE.zip")
    rbundle.add_argument("--force", action="store_true", help="replace FILE.zip when it exists")
    rbundle.add_argument("--signer", metavar="NAME", help="the signer's name when the CDO key is created (default: the CDO "
                         "of the organisation)")
    rbundle.add_argument("--passphrase-file", metavar="FILE", help="read the CDO key passphrase from the first line of FILE")
    rbundle.add_argument("--json", action="store_true")
    rbundle.set_defaults(handler=cmd_round_bundle)
    rshow = rnd_sub.add_parser("show", parents=[common], help="a round's deadline, units, questionnaires, maps and bundles")
    rshow.add_argument("name", metavar="NAME")
    rshow.add_argument("--json", action="store_true")
    rshow.set_defaults(handler=cmd_round_show)

    key = cmds.add_parser("key", parents=[common], help="the CDO's signing key for round bundles")
    key_sub = key.add_subparsers(dest="key_command", metavar="WHAT", required=True)
    kshow = key_sub.add_parser("show", parents=[common], help="the CDO key's fingerprint and public key")
    kshow.add_argument("--json", action="store_true")
    kshow.set_defaults(handler=cmd_key_show)
    kcreate = key_sub.add_parser("create", parents=[common], help="create the CDO key (refuses when one exists)")
    kcreate.add_argument("--name", metavar="NAME", help="the signer's name printed in bundles")
    kcreate.add_argument("--passphrase-file", metavar="FILE", help="read the passphrase from the first line of FILE")
    kcreate.set_defaults(handler=cmd_key_create)
    kexp = key_sub.add_parser("export-public", parents=[common], help="write the CDO public key (PEM) for the owners' apps")
    kexp.add_argument("--out", required=True, metavar="CDO.pem")
    kexp.add_argument("--force", action="store_true", help="replace CDO.pem when it holds something else")
    kexp.set_defaults(handler=cmd_key_export)

    q = cmds.add_parser("quarantine", parents=[common], help="packages that wait for a decision")
    q_sub = q.add_subparsers(dest="q_command", metavar="WHAT", required=True)
    ql = q_sub.add_parser("list", parents=[common], help="what waits (or --all)")
    ql.add_argument("--all", action="store_true", help="also accepted and rejected items")
    ql.add_argument("--json", action="store_true")
    ql.set_defaults(handler=cmd_q_list)
    qa = q_sub.add_parser("accept", parents=[common], help="import a quarantined package as it is")
    qa.add_argument("id", type=int, metavar="ID")
    qa.add_argument("--note", default="", metavar="TEXT", help="why (kept in the audit trail)")
    qa.add_argument("--json", action="store_true")
    qa.set_defaults(handler=cmd_q_accept)
    qr = q_sub.add_parser("reject", parents=[common], help="keep a quarantined package out")
    qr.add_argument("id", type=int, metavar="ID")
    qr.add_argument("--reason", required=True, metavar="TEXT", help="why (kept in the audit trail)")
    qr.set_defaults(handler=cmd_q_reject)

    aud = cmds.add_parser("audit", parents=[common], help="the audit trail, newest first")
    aud.add_argument("--limit", type=int, default=50)
    aud.add_argument("--json", action="store_true")
    aud.set_defaults(handler=cmd_audit)

    from algoinventaris.cli import cdo_drafts

    cdo_drafts.register(cmds, common)


# -- helpers --------------------------------------------------------------------------------------------------


def _lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or cli_lang()


def _t(args: argparse.Namespace, nl: str, en: str) -> str:
    return en if _lang(args) == "en" else nl


def _actor(args: argparse.Namespace) -> str:
    from algoinventaris.cdo.pipeline import default_actor

    return getattr(args, "actor", None) or default_actor()


def _open(args: argparse.Namespace) -> Any:
    """The CDO repository, or None after printing why it cannot be opened."""
    from algoinventaris.storage.cdo import StorageError, open_cdo_db

    try:
        return open_cdo_db(getattr(args, "cdo_db", None))
    except StorageError as err:
        error(str(err))
        return None


def _guard(args: argparse.Namespace, func: Any) -> int:
    """Open the database, run func(repo), translate storage errors into a readable message."""
    from algoinventaris.storage.cdo import NotFound, StorageError

    repo = _open(args)
    if repo is None:
        return EXIT_INPUT
    try:
        result: int = func(repo)
        return result
    except NotFound as err:
        error(str(err))
        return EXIT_FAILED
    except StorageError as err:
        error(str(err))
        return EXIT_INPUT
    except ValueError as err:
        error(str(err))
        return EXIT_USAGE
    finally:
        repo.close()


def cmd_gui(args: argparse.Namespace) -> int:
    from algoinventaris.ui.cdo.app import run_cdo_app

    return run_cdo_app(getattr(args, "cdo_db", None), actor=getattr(args, "actor", None))


# -- import and status ---------------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    from algoinventaris.cdo.pipeline import Importer, expand_paths

    lang = _lang(args)
    files = expand_paths(args.paths)
    if not files:
        error(_t(args, "geen pakketten gevonden in " + ", ".join(args.paths), "no packages found in " + ", ".join(args.paths)))
        return EXIT_INPUT

    def run(repo: Any) -> int:
        from algoinventaris.cdo.rounds import known_forms

        importer = Importer(repo, actor=_actor(args), forms=known_forms(repo))  # the app's forms and every round's
        tty = sys.stderr.isatty()
        counts: dict[str, int] = {}

        def progress(done: int, total: int, name: str) -> None:
            if tty:
                bar = "#" * int(30 * done / max(total, 1))
                sys.stderr.write(f"\r[{bar:<30}] {done}/{total} {name[:40]:<40}")
                sys.stderr.flush()

        for outcome in importer.import_paths(files, progress=progress):
            counts[outcome.result] = counts.get(outcome.result, 0) + 1
            if args.json:
                if tty:
                    sys.stderr.write("\r" + " " * 80 + "\r")
                print_json(outcome.to_json(lang), compact=True)
                sys.stdout.flush()
            else:
                if tty:
                    sys.stderr.write("\r" + " " * 80 + "\r")
                line = f"{outcome.result_text(lang).upper():<16} {outcome.file}"
                print(line)
                if outcome.reason(lang):
                    print(f"  {outcome.reason(lang)}")
                if outcome.quarantine_id is not None and outcome.result == "quarantined":
                    print("  " + _t(args, f"quarantaine nr. {outcome.quarantine_id}: cdo quarantine accept/reject {outcome.quarantine_id}",
                                    f"quarantine no. {outcome.quarantine_id}: cdo quarantine accept/reject {outcome.quarantine_id}"))
        if not args.json:
            from algoinventaris.cdo.texts import RESULT_TEXT, pick

            summary = ", ".join(f"{n} {pick(RESULT_TEXT, k, lang)}" for k, n in sorted(counts.items()))
            print(_t(args, f"Klaar: {summary}.", f"Done: {summary}."))
        return EXIT_FAILED if counts.get("refused") or counts.get("quarantined") else EXIT_OK

    return _guard(args, run)


def cmd_status(args: argparse.Namespace) -> int:
    from algoinventaris.cdo.dashboard import status

    def run(repo: Any) -> int:
        data = status(repo, args.round)
        if args.json:
            print_json(data)
            return EXIT_OK
        if not data["rounds"]:
            print(_t(args, "Nog geen rondes; importeer pakketten of gebruik cdo round add.",
                     "No rounds yet; import packages or use cdo round add."))
        for rnd in data["rounds"]:
            print(f"{rnd['round']}")
            print(f"  {_t(args, 'Onderdeel', 'Unit'):<40} {'A':>5} {'B':>5} {'C':>5} {'?':>5} {_t(args, 'totaal', 'total'):>7}")
            for unit in rnd["units"]:
                print(f"  {unit['unit'][:40]:<40} {unit['A']:>5} {unit['B']:>5} {unit['C']:>5} {unit['unknown']:>5} {unit['total']:>7}")
            tot = rnd["totals"]
            print(f"  {_t(args, 'Totaal', 'Total'):<40} {tot['A']:>5} {tot['B']:>5} {tot['C']:>5} {tot['unknown']:>5} {tot['total']:>7}")
            if rnd["not_delivered"]:
                print("  " + _t(args, "Niet aangeleverd: ", "Not delivered: ") + ", ".join(rnd["not_delivered"]))
            for change in rnd.get("outcome_changes") or []:
                print("  " + _t(args, f"Veranderd sinds {rnd['previous_round']}: ", f"Changed since {rnd['previous_round']}: ")
                      + f"{change['algorithm']} ({change['unit']}): {change['text']}")
        if data["quarantine_waiting"]:
            print(_t(args, f"In quarantaine: {data['quarantine_waiting']} (cdo quarantine list)",
                     f"In quarantine: {data['quarantine_waiting']} (cdo quarantine list)"))
        return EXIT_OK

    return _guard(args, run)


# -- exports and report --------------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from algoinventaris.cdo.exports import export_file

    def run(repo: Any) -> int:
        if args.round:
            repo.get_round(args.round)  # NotFound names the known rounds
        try:
            summary = export_file(args.kind, repo, Path(args.out), round_name=args.round, lang=_lang(args))
        except OSError as err:
            error(_t(args, f"{args.out} kan niet worden geschreven: {err.strerror or err}",
                     f"{args.out} cannot be written: {err.strerror or err}"))
            return EXIT_INPUT
        if args.json:
            print_json(summary)
        elif args.kind == "register":
            print(_t(args, f"{summary['records']} registerrecords geschreven naar {args.out}",
                     f"{summary['records']} register records written to {args.out}"))
            for item in summary["skipped"]:
                what = f"{item['algorithm']} ({item['unit']}, {item['category']}): {item['reason']}"
                print(_t(args, "  niet opgenomen: ", "  left out: ") + what)
        else:
            rows = summary["rows"]
            print(_t(args, f"{rows} algoritmes geschreven naar {args.out}", f"{rows} algorithms written to {args.out}"))
        return EXIT_OK

    return _guard(args, run)


def cmd_report(args: argparse.Namespace) -> int:
    from algoinventaris.cdo.exports import write_atomic
    from algoinventaris.report.cdo_report import report_pdf

    def run(repo: Any) -> int:
        pdf = report_pdf(repo, args.round, department=args.department, lang=_lang(args))
        try:
            write_atomic(Path(args.out), pdf)
        except OSError as err:
            error(_t(args, f"{args.out} kan niet worden geschreven: {err.strerror or err}",
                     f"{args.out} cannot be written: {err.strerror or err}"))
            return EXIT_INPUT
        print(_t(args, f"Rapport geschreven naar {args.out}", f"Report written to {args.out}"))
        return EXIT_OK

    return _guard(args, run)


# -- trust -----------------------------------------------------------------------------------------------------


def cmd_trust_add(args: argparse.Namespace) -> int:
    from algoinventaris.cdo.trust import TrustFileError, read_ca, read_key

    try:
        kind, fingerprint, material, label = read_key(args.key) if args.key else read_ca(args.ca)
    except TrustFileError as err:
        error(err.text(_lang(args)))
        return EXIT_INPUT

    def run(repo: Any) -> int:
        from algoinventaris.storage.cdo.repository import Conflict

        try:
            entry = repo.add_trust(args.unit, kind, fingerprint, material, actor=_actor(args), label=args.label or label,
                                   organisation=args.organisation)
        except Conflict as err:
            error(str(err))
            return EXIT_FAILED
        if args.json:
            print_json(entry.to_json())
        else:
            print(_t(args, f"Aangemeld voor '{entry.unit}': {kind} {fingerprint}", f"Enrolled for '{entry.unit}': {kind} {fingerprint}"))
        return EXIT_OK

    return _guard(args, run)


def parse_moment(text: str) -> dt.datetime:
    """YYYY-MM-DD (start of that day, UTC) or RFC 3339 text as an aware datetime; ValueError otherwise."""
    raw = text.strip()
    try:
        if len(raw) == 10:
            return dt.datetime.strptime(raw, "%Y-%m-%d").replace(tzinfo=dt.UTC)
        value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError as err:
        raise ValueError(f"'{text}' is not a date (YYYY-MM-DD) or moment (2026-03-12T14:00:00Z)") from err
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def cmd_trust_revoke(args: argparse.Namespace) -> int:
    from algoinventaris.cdo.trust import normalise_fingerprint

    def run(repo: Any) -> int:
        moment = parse_moment(args.revoked_from) if args.revoked_from else None
        entries = repo.revoke_trust(normalise_fingerprint(args.fingerprint), actor=_actor(args), revoked_from=moment,
                                    reason=args.reason, unit=args.unit)
        for entry in entries:
            print(_t(args, f"Ingetrokken voor '{entry.unit}' per {entry.revoked_from:%Y-%m-%d %H:%M} UTC: {entry.fingerprint}",
                     f"Revoked for '{entry.unit}' from {entry.revoked_from:%Y-%m-%d %H:%M} UTC: {entry.fingerprint}"))
        return EXIT_OK

    return _guard(args, run)


def cmd_trust_list(args: argparse.Namespace) -> int:
    def run(repo: Any) -> int:
        entries = repo.list_trust()
        if args.json:
            print_json([e.to_json() for e in entries])
            return EXIT_OK
        if not entries:
            print(_t(args, "Nog geen sleutels aangemeld (cdo trust add --unit ONDERDEEL --key SLEUTEL.pem).",
                     "No keys enrolled yet (cdo trust add --unit UNIT --key KEY.pem)."))
        for e in entries:
            state = ""
            if e.revoked_from is not None:
                state = _t(args, f"  ingetrokken per {e.revoked_from:%Y-%m-%d}", f"  revoked from {e.revoked_from:%Y-%m-%d}")
            print(f"{e.unit:<30} {e.kind:<8} {e.fingerprint}  {e.label}{state}")
        return EXIT_OK

    return _guard(args, run)


# -- rounds, quarantine, audit ------------------------------------------------------------------------------


def cmd_round_add(args: argparse.Namespace) -> int:
    units = [u.strip() for u in args.units.split(",") if u.strip()]

    def run(repo: Any) -> int:
        info = repo.add_round(args.name, units, actor=_actor(args))
        print(_t(args, f"Ronde '{info.name}' met {len(info.units)} onderdelen", f"Round '{info.name}' with {len(info.units)} units"))
        return EXIT_OK

    return _guard(args, run)


def cmd_round_list(args: argparse.Namespace) -> int:
    def run(repo: Any) -> int:
        rounds = repo.list_rounds()
        if args.json:
            print_json([{"round": r.name, "declared": r.declared, "units": list(r.units)} for r in rounds])
            return EXIT_OK
        for r in rounds:
            units = ", ".join(r.units) or _t(args, "(onderdelen uit de sleutels)", "(units from the trust store)")
            print(f"{r.name}: {units}")
        return EXIT_OK

    return _guard(args, run)


def cmd_round_create(args: argparse.Namespace) -> int:
    from algoinventaris.cdo.rounds import RoundSetupError, create_round, describe_files

    units = [u.strip() for u in args.units.split(",") if u.strip()]
    lang = _lang(args)

    def run(repo: Any) -> int:
        try:
            created = create_round(repo, args.name, deadline=args.deadline, units=units, organisation=args.organisation,
                                   forms=args.forms, previous_forms=args.old_forms, maps=args.maps, actor=_actor(args))
        except RoundSetupError as err:
            error(err.text(lang))
            return EXIT_FAILED
        d = created.details
        if args.json:
            print_json(d.to_json() | {"warnings": created.warnings})
            return EXIT_OK
        print(_t(args, f"Ronde '{d.name}' ({d.organisation}), deadline {d.deadline or '-'}, {len(d.units)} onderdelen",
                 f"Round '{d.name}' ({d.organisation}), deadline {d.deadline or '-'}, {len(d.units)} units"))
        for line in describe_files(d, lang):
            print(line)
        for warning in created.warnings[:10]:
            print(_t(args, "  let op: ", "  note: ") + warning)
        print(_t(args, f"Volgende stap: cdo round export-bundle \"{d.name}\" --out BUNDEL.zip",
                 f"Next: cdo round export-bundle \"{d.name}\" --out BUNDLE.zip"))
        return EXIT_OK

    return _guard(args, run)


def _cdo_signer(args: argparse.Namespace, create_name: str | None) -> Any:
    """The CDO's Ed25519 signer (created on first use when create_name is given); an int exit code on failure."""
    from algoinventaris.cdo.rounds import cdo_key_store
    from algoinventaris.cli.keys import PassphraseUnavailable, read_passphrase
    from algoinventaris.package.errors import KeyStoreError

    store = cdo_key_store()
    first = not store.has_ed25519()
    if first and create_name is None:
        error(_t(args, "er is nog geen CDO-sleutel; maak die met 'cdo key create'",
                 "there is no CDO key yet; create it with 'cdo key create'"))
        return EXIT_FAILED
    try:
        prompt = (_t(args, "Kies een wachtwoordzin voor de CDO-sleutel: ", "Choose a passphrase for the CDO key: ") if first
                  else _t(args, "Wachtwoordzin van de CDO-sleutel: ", "Passphrase of the CDO key: "))
        passphrase = read_passphrase(getattr(args, "passphrase_file", None), confirm=first, prompt=prompt)
        signer = store.signer(passphrase, "ed25519", create_name=create_name if first else None)
    except PassphraseUnavailable as err:
        error(str(err))
        return EXIT_INPUT
    except KeyStoreError as err:
        error(err.text(_lang(args)))
        return EXIT_FAILED
    if first:
        from algoinventaris.package.keys import group_fingerprint

        sys.stderr.write(_t(args, f"CDO-sleutel gemaakt; vingerafdruk {group_fingerprint(signer.fingerprint)}. Geef de publieke "
                            "sleutel aan de eigenaren: 'cdo key export-public --out CDO.pem'.\n",
                            f"CDO key created; fingerprint {group_fingerprint(signer.fingerprint)}. Give the public key to the "
                            "owners: 'cdo key export-public --out CDO.pem'.\n"))
    return signer


def cmd_round_bundle(args: argparse.Namespace) -> int:
    from algoinventaris.cdo.rounds import RoundSetupError, export_bundle
    from algoinventaris.package.errors import PackageError
    from algoinventaris.package.keys import group_fingerprint

    lang = _lang(args)

    def run(repo: Any) -> int:
        details = repo.round_details(args.name)
        signer = _cdo_signer(args, args.signer or f"CDO {details.organisation or ''}".strip())
        if isinstance(signer, int):
            return signer
        try:
            done = export_bundle(repo, args.name, signer, args.out, actor=_actor(args), force=args.force)
        except (RoundSetupError, PackageError) as err:
            error(err.text(lang))
            return EXIT_FAILED
        if args.json:
            print_json({"file": str(done.path), "round": details.name, "sequence": done.sequence, "sha256": done.sha256,
                        "fingerprint": done.fingerprint, "drafts": done.drafts})
            return EXIT_OK
        print(str(done.path))
        sys.stderr.write(_t(args, f"Bundel {done.sequence} van '{details.name}', ondertekend met {group_fingerprint(done.fingerprint)}, "
                                  f"met {done.drafts} {'concept' if done.drafts == 1 else 'concepten'}\n",
                            f"Bundle {done.sequence} of '{details.name}', signed with {group_fingerprint(done.fingerprint)}, "
                            f"with {done.drafts} draft{'' if done.drafts == 1 else 's'}\n"))
        return EXIT_OK

    return _guard(args, run)


def cmd_round_show(args: argparse.Namespace) -> int:
    from algoinventaris.cdo.rounds import describe_files

    def run(repo: Any) -> int:
        d = repo.round_details(args.name)
        if args.json:
            print_json(d.to_json())
            return EXIT_OK
        print(f"{d.name} ({d.organisation or '-'}), deadline {d.deadline or '-'}")
        print(_t(args, "  onderdelen: ", "  units: ") + (", ".join(d.units) or "-"))
        for line in describe_files(d, _lang(args)):
            print(line)
        for b in d.bundles:
            print(_t(args, f"  bundel {b.sequence}: {b.created_at:%Y-%m-%d %H:%M} door {b.created_by}",
                     f"  bundle {b.sequence}: {b.created_at:%Y-%m-%d %H:%M} by {b.created_by}"))
        return EXIT_OK

    return _guard(args, run)


def cmd_key_show(args: argparse.Namespace) -> int:
    import base64

    from algoinventaris.cdo.rounds import cdo_key_store
    from algoinventaris.package.errors import KeyStoreError
    from algoinventaris.package.keys import group_fingerprint, public_key_pem, raw_public_key

    store = cdo_key_store()
    try:
        key = store.ed25519_public_key()
    except KeyStoreError:
        error(_t(args, "er is nog geen CDO-sleutel; maak die met 'cdo key create' (of bij de eerste 'cdo round export-bundle')",
                 "there is no CDO key yet; create it with 'cdo key create' (or on the first 'cdo round export-bundle')"))
        return EXIT_FAILED
    out = {"folder": str(store.folder), "name": store.signer_name(), "fingerprint": store.ed25519_fingerprint(),
           "public_key": base64.b64encode(raw_public_key(key)).decode("ascii"), "pem": public_key_pem(key).decode("ascii")}
    if args.json:
        print_json(out)
        return EXIT_OK
    print(_t(args, "CDO-sleutel (Ed25519) voor rondebundels", "CDO key (Ed25519) for round bundles"))
    print(_t(args, "  ondertekenaar: ", "  signer:        ") + (out["name"] or "-"))
    print(_t(args, "  vingerafdruk:  ", "  fingerprint:   ") + group_fingerprint(str(out["fingerprint"])))
    print(str(out["pem"]).rstrip())
    return EXIT_OK


def cmd_key_create(args: argparse.Namespace) -> int:
    from algoinventaris.cdo.rounds import cdo_key_store
    from algoinventaris.package.keys import group_fingerprint

    if cdo_key_store().has_ed25519():
        error(_t(args, f"er is al een CDO-sleutel in {cdo_key_store().folder}; die wordt niet overschreven",
                 f"a CDO key exists already in {cdo_key_store().folder}; it is never overwritten"))
        return EXIT_FAILED
    signer = _cdo_signer(args, args.name or "CDO")
    if isinstance(signer, int):
        return signer
    print(_t(args, "CDO-sleutel gemaakt: ", "CDO key created: ") + group_fingerprint(signer.fingerprint))
    return EXIT_OK


def cmd_key_export(args: argparse.Namespace) -> int:
    from algoinventaris.cdo.rounds import cdo_key_store
    from algoinventaris.package.errors import KeyStoreError
    from algoinventaris.package.keys import public_key_pem

    try:
        pem = public_key_pem(cdo_key_store().ed25519_public_key())
    except KeyStoreError:
        error(_t(args, "er is nog geen CDO-sleutel; maak die met 'cdo key create'",
                 "there is no CDO key yet; create it with 'cdo key create'"))
        return EXIT_FAILED
    from algoinventaris.cli.keys import write_public_pem

    return write_public_pem(pem, Path(args.out), force=args.force)


def cmd_q_list(args: argparse.Namespace) -> int:
    lang = _lang(args)

    def run(repo: Any) -> int:
        items = repo.list_quarantine(None if args.all else "waiting")
        if args.json:
            print_json([i.to_json(lang) for i in items])
            return EXIT_OK
        if not items:
            print(_t(args, "Er wacht niets in quarantaine.", "Nothing waits in quarantine."))
        for item in items:
            print(f"{item.id:>4}  {item.status:<9} {item.file_name}")
            print(f"      {item.algorithm_name or '?'} ({item.unit_name or '?'}, {item.round_name or '?'})")
            print(f"      {item.reason(lang)}")
        return EXIT_OK

    return _guard(args, run)


def cmd_q_accept(args: argparse.Namespace) -> int:
    from algoinventaris.cdo.pipeline import Importer

    lang = _lang(args)

    def run(repo: Any) -> int:
        from algoinventaris.storage.cdo.repository import Conflict

        try:
            outcome = Importer(repo, actor=_actor(args)).accept(args.id, args.note)
        except Conflict as err:
            error(str(err))
            return EXIT_FAILED
        if args.json:
            print_json(outcome.to_json(lang))
        else:
            print(f"{outcome.result_text(lang).upper():<16} {outcome.file}")
            if outcome.reason(lang):
                print(f"  {outcome.reason(lang)}")
        return EXIT_OK if outcome.ok else EXIT_FAILED

    return _guard(args, run)


def cmd_q_reject(args: argparse.Namespace) -> int:
    from algoinventaris.cdo.pipeline import Importer

    def run(repo: Any) -> int:
        from algoinventaris.storage.cdo.repository import Conflict

        try:
            item = Importer(repo, actor=_actor(args)).reject(args.id, args.reason)
        except Conflict as err:
            error(str(err))
            return EXIT_FAILED
        print(_t(args, f"Afgewezen: {item.file_name}", f"Rejected: {item.file_name}"))
        return EXIT_OK

    return _guard(args, run)


def cmd_audit(args: argparse.Namespace) -> int:
    def run(repo: Any) -> int:
        entries = repo.audit_log(args.limit)
        if args.json:
            print_json([e.to_json() for e in entries])
            return EXIT_OK
        for e in entries:
            print(f"{e.at:%Y-%m-%d %H:%M:%S}  {e.actor:<12} {e.action:<13} {e.result or '':<12} {e.file_name or e.submission_id or ''}")
            if e.reason:
                print(f"    {e.reason}")
        return EXIT_OK

    return _guard(args, run)
