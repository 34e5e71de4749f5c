"""`round trust-cdo | open | list | start | status | drafts | start-draft`: the owner's side of yearly rounds."""

from __future__ import annotations

import argparse
from typing import Any

from algoinventaris.cli.keys import cli_lang
from algoinventaris.cli.output import EXIT_FAILED, EXIT_INPUT, EXIT_OK, EXIT_OPEN, error, print_json
from algoinventaris.cli.owner import find_algorithm, with_repo

OPEN_EPILOG = """\
checks, in this order (the first that fails decides; nothing is installed then):
  a safe zip; round.json present, canonical and in the format; signed (round.sig); the signature holds and
  the key is the CDO key this app trusts; every file has the hash round.json gives; the bundle is for this
  app's organisation; it is not older than the newest bundle opened; every questionnaire passes
  `forms check`; every migration map fits the questionnaires it connects.

exit codes: 0 opened (or already open), 1 refused (the reason is printed, with its code in --json),
3 the file or the database cannot be read
"""

START_EPILOG = """\
Every answer of last year's algorithm is proposed in the new one but counts as unconfirmed ("prefilled")
until you confirm or change it; a package cannot be exported before that. When the round uses another
version of a questionnaire, the answers are carried through the round's migration maps; what cannot be
carried is listed for review, and last year's conclusion is shown next to the recomputed one.

exit codes: 0 started, nothing to review; 4 started, something to review; 1 refused; 3 database unreadable
"""

DRAFTS_EPILOG = """\
A round bundle can bring drafts: algorithms the CDO already knows from the Algoritmeregister or from last
year's inventory spreadsheet. With --unit, the drafts of that unit and the ones not assigned to a unit yet.

exit codes: 0 listed; 1 a draft file of an opened round is damaged; 3 database unreadable
"""

START_DRAFT_EPILOG = """\
The new algorithm gets the draft's name, organisation and unit (a draft not assigned to a unit takes the one
given with --unit) and the opened round. Every register answer of the draft is proposed ("prefilled") and
must be confirmed one by one in the app; values the register questionnaire has no place for are kept and
shown with `algoinventaris show ID`. The AI-Act questions are never answered from register text: the owner
answers them, with the register text shown beside them as a hint.

exit codes: 0 started; 1 refused (unknown draft, started already, no unit, no round opened); 3 database unreadable
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rnd = sub.add_parser("round", help="yearly rounds: trust the CDO key, open round bundles, start from last year",
                         description="Yearly rounds on the owner's side. The database is the one in the data folder, "
                                     "or the file given with the global --db option.")
    rsub = rnd.add_subparsers(dest="round_command", required=True, metavar="COMMAND")

    p = rsub.add_parser("trust-cdo", help="set up the CDO's public key that round bundles are checked against")
    p.add_argument("--key", required=True, metavar="CDO.pem", help="the CDO's public key (cdo key export-public)")
    p.add_argument("--organisation", metavar="NAME",
                   help="the organisation this app belongs to (default: the one of the first bundle opened)")
    p.add_argument("--replace", action="store_true", help="replace a CDO key trusted before")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_trust)

    p = rsub.add_parser("open", help="check a round bundle from the CDO and install its questionnaires",
                        epilog=OPEN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", metavar="FILE.zip")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_open)

    p = rsub.add_parser("list", help="the rounds opened here and the CDO key")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)

    p = rsub.add_parser("start", help="start this year's submission of an algorithm from last year's",
                        epilog=START_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("id", metavar="ALGORITHM_ID", help="last year's algorithm (id or a unique start of it)")
    p.add_argument("--round", required=True, metavar="NAME", help="the round to start it in (opened with `round open`)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_start)

    p = rsub.add_parser("status", help="what changed since last year for an algorithm started from last year's")
    p.add_argument("id", metavar="ALGORITHM_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_status)

    p = rsub.add_parser("drafts", help="the drafts from the CDO in the opened rounds (register entries, last year's sheet)",
                        epilog=DRAFTS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--unit", metavar="U", help="only the drafts of this unit (and the ones not assigned yet)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_drafts)

    p = rsub.add_parser("start-draft", help="start an algorithm from a draft of the CDO (register answers prefilled)",
                        epilog=START_DRAFT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("draft_id", metavar="DRAFT_ID", help="the draft's id (or a unique start of it), as `round drafts` shows")
    p.add_argument("--unit", metavar="U", help="the unit to start it for (needed when the CDO did not assign the draft)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_start_draft)


def _t(nl: str, en: str) -> str:
    return en if cli_lang() == "en" else nl


def cmd_trust(args: argparse.Namespace) -> int:
    from algoinventaris.package.bundle import BundleError
    from algoinventaris.package.keys import group_fingerprint
    from algoinventaris.package.rounds import trust_cdo
    from algoinventaris.storage.repository import KeyConflict

    def work(repo: Any) -> int:
        try:
            key = trust_cdo(repo, args.key, organisation=args.organisation, replace=args.replace)
        except BundleError as err:
            error(err.text(cli_lang()))
            return EXIT_INPUT
        except KeyConflict as err:
            error(str(err))
            return EXIT_FAILED
        except ValueError as err:
            error(str(err))
            return EXIT_INPUT
        if args.json:
            print_json(key.to_json())
            return EXIT_OK
        print(_t("CDO-sleutel ingesteld: ", "CDO key set up: ") + group_fingerprint(key.fingerprint))
        print(_t("  organisatie: ", "  organisation: ") + (key.organisation or _t("volgt uit de eerste bundel",
                                                                                "taken from the first bundle")))
        return EXIT_OK

    return with_repo(work)


def cmd_open(args: argparse.Namespace) -> int:
    from algoinventaris.package.bundle import BundleError
    from algoinventaris.package.rounds import open_bundle

    lang = cli_lang()

    def work(repo: Any) -> int:
        try:
            result = open_bundle(repo, args.file)
        except BundleError as err:
            if args.json:
                print_json({"file": args.file, "status": "refused", "reason_code": err.code, "reason": err.text(lang)})
            else:
                error(_t(f"bundel geweigerd ({err.code}): ", f"bundle refused ({err.code}): ") + err.text(lang))
            return EXIT_INPUT if err.code == "unreadable" else EXIT_FAILED
        if args.json:
            print_json({"file": args.file, **result.to_json()})
            return EXIT_OK
        r = result.round
        status = {"installed": _t("geopend", "opened"), "updated": _t("bijgewerkt naar een nieuwere bundel", "updated to a newer bundle"),
                  "unchanged": _t("was al geopend; niets veranderd", "was opened before; nothing changed")}[result.status]
        print(f"{r.name} ({r.organisation}): {status}")
        print(_t("  bundel ", "  bundle ") + f"{r.sequence}, deadline {r.deadline or '-'}, "
              + _t("onderdelen: ", "units: ") + (", ".join(r.units) or "-"))
        for f in r.forms:
            print(_t("  vragenlijst ", "  questionnaire ") + f.describe())
        if r.maps:
            print(_t(f"  {len(r.maps)} migratietabel(len)", f"  {len(r.maps)} migration map(s)"))
        for warning in result.warnings[:10]:
            print(_t("  let op: ", "  note: ") + warning)
        return EXIT_OK

    return with_repo(work)


def cmd_list(args: argparse.Namespace) -> int:
    from algoinventaris.package.keys import group_fingerprint
    from algoinventaris.package.rounds import cdo_keys

    def work(repo: Any) -> int:
        rounds = repo.installed_rounds()
        try:
            keys = cdo_keys(repo)
        except Exception as err:  # an unusable installed key file: say so, still list the rounds
            error(str(err))
            keys = []
        if args.json:
            print_json({"cdo_keys": [k.to_json() for k in keys], "rounds": [r.to_json() for r in rounds]})
            return EXIT_OK
        if keys:
            k = keys[0]
            print(_t("CDO-sleutel: ", "CDO key: ") + group_fingerprint(k.fingerprint)
                  + f" ({k.organisation or _t('organisatie volgt uit de eerste bundel', 'organisation from the first bundle')})")
        else:
            print(_t("Nog geen CDO-sleutel (round trust-cdo --key CDO.pem).", "No CDO key yet (round trust-cdo --key CDO.pem)."))
        if not rounds:
            print(_t("Nog geen rondes geopend (round open BUNDEL.zip).", "No rounds opened yet (round open BUNDLE.zip)."))
        for r in rounds:
            forms = ", ".join(f"{f.id} {f.version}" for f in r.forms)
            print(f"{r.name:<28} {r.organisation:<28} {_t('bundel', 'bundle')} {r.sequence:<4} deadline {r.deadline or '-':<10} {forms}")
        return EXIT_OK

    return with_repo(work)


def cmd_start(args: argparse.Namespace) -> int:
    from algoinventaris.package.errors import PackageError
    from algoinventaris.package.rounds import RoundError, start_from_last_year
    from algoinventaris.storage.repository import AlreadyStarted

    lang = cli_lang()

    def work(repo: Any) -> int:
        previous = find_algorithm(repo, args.id)
        try:
            result = start_from_last_year(repo, previous.id, args.round)
        except (RoundError, PackageError) as err:
            error(err.text(lang))
            return EXIT_FAILED
        except AlreadyStarted as err:
            error(str(err))
            return EXIT_FAILED
        if args.json:
            print_json(result.to_json(lang))
            return EXIT_OK if not result.review else EXIT_OPEN
        c = result.carry
        print(_t(f"'{result.algorithm.name}' gestart in {result.algorithm.round}: ", f"'{result.algorithm.name}' started in "
                 f"{result.algorithm.round}: ") + result.algorithm.id)
        for f in result.forms:
            how = {"same": _t("overgenomen", "carried over"), "migrated": _t("omgezet via migratietabel", "migrated through the maps"),
                   "not-carried": _t("niet overgenomen", "not carried over")}[f.carry.how]
            print(f"  {f.carry.form_id}: {how}, {f.carry.carried} " + _t("antwoorden voorgesteld (nog te bevestigen)",
                                                                          "answers proposed (still to confirm)"))
        old = c.old_conclusion_ref or c.old_conclusion or "-"
        new = c.new_conclusion_ref or c.new_conclusion or _t("nog geen conclusie", "no conclusion yet")
        if result.conclusion_changed:
            print(_t(f"Conclusie: vorig jaar {old}, nu {new} — GEWIJZIGD", f"Conclusion: last year {old}, now {new} — CHANGED"))
        else:
            print(_t(f"Conclusie: {new} (gelijk aan vorig jaar)", f"Conclusion: {new} (the same as last year)"))
        if result.review:
            print(_t(f"Te beoordelen ({len(result.review)}):", f"To review ({len(result.review)}):"))
            for item in result.review:
                where = item.question or item.old_question or ""
                print(f"  [{item.kind}] {item.form_id}{'/' + where if where else ''}: {item.text(lang)}")
        else:
            print(_t("Niets te beoordelen; bevestig de antwoorden in de app.", "Nothing to review; confirm the answers in the app."))
        return EXIT_OK if not result.review else EXIT_OPEN

    return with_repo(work)


def cmd_status(args: argparse.Namespace) -> int:
    from algoinventaris.package.rounds import year_changes

    lang = cli_lang()

    def work(repo: Any) -> int:
        alg = find_algorithm(repo, args.id)
        changes = year_changes(repo, alg.id)
        if changes is None:
            error(_t(f"'{alg.name}' is niet vanuit vorig jaar gestart", f"'{alg.name}' was not started from last year's"))
            return EXIT_FAILED
        if args.json:
            print_json(changes.to_json(lang))
        else:
            print(f"{alg.name} ({alg.round})")
            for line in changes.lines(lang):
                print(f"  {line}")
        return EXIT_OK if changes.ready else EXIT_OPEN

    return with_repo(work)


def cmd_drafts(args: argparse.Namespace) -> int:
    from algoinventaris.package.drafts import DraftError, available_drafts

    lang = cli_lang()

    def work(repo: Any) -> int:
        try:
            items = available_drafts(repo, unit=args.unit)
        except DraftError as err:
            error(err.text(lang))
            return EXIT_FAILED
        names = {a.id: a.name for a in repo.list_algorithms()} if any(i.started for i in items) else {}
        if args.json:
            print_json([{"id": i.draft.id, "name": i.draft.name, "unit": i.draft.unit, "round": i.round.name,
                         "organisation": i.draft.organisation, "source": i.draft.source, "origin": i.draft.origin,
                         "match": {"kind": i.draft.match_kind, "value": i.draft.match_value}, "revision": i.draft.revision,
                         "answers": len(i.draft.answers), "not_mapped": len(i.draft.not_mapped),
                         "deviations": len(i.draft.deviations), "started": i.started is not None,
                         "algorithm_id": i.started, "algorithm_name": names.get(i.started or "")} for i in items])
            return EXIT_OK
        if not items:
            if not repo.installed_rounds():
                print(_t("Nog geen rondes geopend (round open BUNDEL.zip).", "No rounds opened yet (round open BUNDLE.zip)."))
            else:
                print(_t("Geen concepten van de CDO", "No drafts from the CDO")
                      + (_t(f" voor '{args.unit}'", f" for '{args.unit}'") if args.unit else "") + ".")
            return EXIT_OK
        unassigned = _t("(nog niet toegewezen)", "(not assigned yet)")
        source = {"register": _t("register", "register"), "spreadsheet": _t("spreadsheet", "spreadsheet")}
        for i in items:
            d = i.draft
            state = (_t("al begonnen: ", "started already: ") + f"{names.get(i.started, '')} ({i.started})"
                     if i.started else _t("nog niet begonnen", "not started yet"))
            print(f"{d.id}  {d.name}")
            print(f"    {d.unit or unassigned} · {i.round.name} · {source.get(d.source, d.source)}: {d.origin} · {state}")
        open_count = sum(1 for i in items if i.started is None)
        print(_t(f"{len(items)} concept(en), {open_count} nog niet begonnen. Begin er een met: algoinventaris round "
                 "start-draft ID", f"{len(items)} draft(s), {open_count} not started yet. Start one with: algoinventaris "
                 "round start-draft ID"))
        return EXIT_OK

    return with_repo(work)


def cmd_start_draft(args: argparse.Namespace) -> int:
    from algoinventaris.package.drafts import DraftError, start_from_draft

    lang = cli_lang()

    def work(repo: Any) -> int:
        try:
            result = start_from_draft(repo, args.draft_id, unit=args.unit)
        except DraftError as err:
            if args.json:
                print_json({"draft": args.draft_id, "status": "refused", "reason_code": err.code, "reason": err.text(lang),
                            "algorithm_id": err.algorithm_id})
            else:
                error(err.text(lang))
            return EXIT_FAILED
        except ValueError as err:  # a name or unit the database does not take (e.g. longer than 500 characters)
            error(str(err))
            return EXIT_FAILED
        if args.json:
            print_json(result.to_json(lang))
            return EXIT_OK
        a = result.algorithm
        print(_t(f"'{a.name}' begonnen in {a.round} ({a.unit}): ", f"'{a.name}' started in {a.round} ({a.unit}): ") + a.id)
        print("  " + result.origin.describe(lang))
        print(_t(f"  {len(result.prefilled)} registerantwoorden vooraf ingevuld (nog te bevestigen)",
                 f"  {len(result.prefilled)} register answers prefilled (still to confirm)"))
        print(_t("  De vragen over de AI-verordening zijn niet ingevuld: beantwoord ze in de app.",
                 "  The AI Act questions are not answered: answer them in the app."))
        if result.not_mapped:
            print(_t(f"  Niet overgenomen ({len(result.not_mapped)}):", f"  Not taken ({len(result.not_mapped)}):"))
            for n in result.not_mapped:
                print(f"    {n.field}: {n.value}  [{n.reason_text(lang)}]")
        return EXIT_OK

    return with_repo(work)
