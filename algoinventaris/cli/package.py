"""`verify FILE.zip` and `export package ID... --out DIR | --all`: check and write signed submission packages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from algoinventaris.cli.keys import PassphraseUnavailable, add_passphrase_option, cli_lang, read_passphrase, t
from algoinventaris.cli.output import EXIT_FAILED, EXIT_INPUT, EXIT_OK, EXIT_OPEN, command_group, error, print_json

VERIFY_EPILOG = """\
checks, in this order (the first failure stops and is named):
  zip safety, manifest schema, signature, every file's hash and size, no missing or extra file,
  content digest

exit codes:
   0  VALID
   3  the file cannot be read
  10  not a zip file, or an unsafe zip (absolute or '..' paths, links, duplicate names, size or ratio limits)
  11  manifest.json missing, not canonical JSON, or not fitting the schema (see --schema)
  12  signature invalid, or the signer is not the trusted key / CA given with --key / --ca
  13  a file's SHA-256 or size differs from the manifest, or the content digest does not match
  14  a file is missing, or there is a file that does not belong in the package

Without --key or --ca the signature is checked against the key or certificate named in the
manifest; compare the printed fingerprint with the one enrolled with the CDO.
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    verify = sub.add_parser(
        "verify", help="check a submission package: prints VALID or exactly what is wrong",
        description="Verify a signed submission package (zip).", epilog=VERIFY_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    verify.add_argument("file", nargs="?", metavar="FILE.zip", help="the package")
    verify.add_argument("--key", action="append", default=[], metavar="PUBLIC.pem",
                        help="trust only this Ed25519 public key (PEM; may be repeated)")
    verify.add_argument("--ca", action="append", default=[], metavar="CA.pem",
                        help="trust certificates issued by this CA (PEM; may be repeated) for CMS-signed packages")
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.add_argument("--lang", choices=["nl", "en"], help="language of the messages (default nl)")
    verify.add_argument("--schema", action="store_true", help="print the JSON Schema of manifest.json and stop")
    verify.set_defaults(handler=cmd_verify)

    export = command_group(sub, "export", "write packages and register files").add_parser(
        "package", help="write the signed submission package of finished algorithms",
        description=("Writes one signed package (zip) per algorithm into --out and prints the path of each. "
                     "Exit codes: 0 all written, 1 a package could not be written or signed, 3 the database, the "
                     "form or the passphrase is unavailable, 4 some algorithms are not finished yet."))
    export.add_argument("ids", nargs="*", metavar="ID", help="algorithm ids (see the app or the database)")
    export.add_argument("--all", action="store_true", help="every algorithm in the database that is finished")
    export.add_argument("--out", required=True, metavar="DIR", help="folder to write the packages into")
    export.add_argument("--method", choices=["ed25519", "cms"],
                        help="signature: ed25519 (default) or cms (default once a PKCS#12 identity is imported)")
    export.add_argument("--signer", metavar="NAME", help="your name, when the key is created on this first export")
    export.add_argument("--lang", choices=["nl", "en"], help="language of the submission and its report (default nl)")
    add_passphrase_option(export)
    export.set_defaults(handler=cmd_export_package)


# -- verify ------------------------------------------------------------------------------------------------


def _load_trust(args: argparse.Namespace, lang: str) -> tuple[list[bytes], list[Any]] | str:
    from cryptography import x509

    from algoinventaris.package.errors import KeyStoreError
    from algoinventaris.package.keys import load_public_key_file, raw_public_key

    keys: list[bytes] = []
    for path in args.key:
        try:
            keys.append(raw_public_key(load_public_key_file(path)))
        except KeyStoreError as err:
            return err.text(lang)
    cas: list[Any] = []
    for path in args.ca:
        try:
            cas.extend(x509.load_pem_x509_certificates(Path(path).read_bytes()))
        except OSError as err:
            return (f"{path} cannot be read: {err.strerror or err}" if lang == "en"
                    else f"{path} is onleesbaar: {err.strerror or err}")
        except ValueError:
            return (f"{path} holds no PEM certificate" if lang == "en" else f"{path} bevat geen PEM-certificaat")
    return keys, cas


def cmd_verify(args: argparse.Namespace) -> int:
    lang = args.lang or cli_lang()
    if args.schema:
        from algoinventaris.package.schema import MANIFEST_SCHEMA

        print_json(MANIFEST_SCHEMA)
        return EXIT_OK
    if not args.file:
        error("give the package to check: algoinventaris verify FILE.zip" if lang == "en"
              else "geef het pakket op: algoinventaris verify BESTAND.zip")
        return EXIT_INPUT
    from algoinventaris.package.keys import group_fingerprint
    from algoinventaris.package.verify import EXIT_UNREADABLE, verify_package

    trust = _load_trust(args, lang)
    if isinstance(trust, str):
        error(trust)
        return EXIT_UNREADABLE
    result = verify_package(args.file, trusted_keys=trust[0], trusted_cas=trust[1])
    if args.json:
        print_json(result.to_json(lang))
        return result.code
    if not result.ok:
        print(f"INVALID ({result.code})  {args.file}")
        print(f"  {result.reason(lang)}")
        return result.code
    m = result.manifest or {}
    signer = result.signer
    en = lang == "en"
    print(f"VALID  {args.file}")
    print(("  submission:     " if en else "  inzending:      ") + str(m.get("submission_id")) +
          ((" (corrects " if en else " (corrigeert ") + str(m["corrects"]) + ")" if m.get("corrects") else ""))
    print(("  algorithm:      " if en else "  algoritme:      ") + str(m.get("algorithm", {}).get("name")) +
          f" — {m.get('organisation', {}).get('name')}" +
          (f" / {m['organisation']['unit']}" if m.get("organisation", {}).get("unit") else ""))
    print(("  created:        " if en else "  gemaakt:        ") + str(m.get("created_at")))
    print(("  signer:         " if en else "  ondertekenaar:  ") + f"{signer.get('name') or '-'} ({signer.get('method')})")
    print(("  fingerprint:    " if en else "  vingerafdruk:   ") + group_fingerprint(str(signer.get("fingerprint"))))
    print(("  trusted signer: " if en else "  vertrouwd:      ") +
          (("yes" if en else "ja") if result.trusted else ("not checked" if en else "niet gecontroleerd")))
    print(("  content digest: " if en else "  inhoudsdigest:  ") + str(result.content_digest))
    for nl_note, en_note in result.notes:
        print(("  note: " if en else "  let op: ") + (en_note if en else nl_note))
    return result.code


# -- export package ----------------------------------------------------------------------------------------


def _signer(args: argparse.Namespace, lang: str) -> Any:
    """The signer, creating the Ed25519 key on first use; returns an int exit code on failure."""
    from algoinventaris.cli.keys import default_signer_name
    from algoinventaris.package.errors import KeyStoreError
    from algoinventaris.package.keys import KeyStore, group_fingerprint

    store = KeyStore()
    method = args.method or store.default_method()
    first_use = method == "ed25519" and not store.has_ed25519()
    try:
        passphrase = read_passphrase(
            args.passphrase_file, confirm=first_use,
            prompt=t("Kies een wachtwoordzin voor je nieuwe sleutel: ", "Choose a passphrase for your new key: ")
            if first_use else None)
        signer = store.signer(passphrase, method, create_name=(args.signer or default_signer_name()) if first_use else None)
    except PassphraseUnavailable as err:
        error(str(err))
        return EXIT_INPUT
    except KeyStoreError as err:
        error(err.text(lang))
        return EXIT_FAILED
    if first_use:
        sys.stderr.write(t(
            f"Nieuwe sleutel gemaakt voor {signer.name}; vingerafdruk {group_fingerprint(signer.fingerprint)}.\n"
            "Meld deze sleutel aan bij de CDO: 'algoinventaris keys show' of 'keys export-public'.\n",
            f"New key created for {signer.name}; fingerprint {group_fingerprint(signer.fingerprint)}.\n"
            "Enrol this key with the CDO: 'algoinventaris keys show' or 'keys export-public'.\n"))
    return signer


def cmd_export_package(args: argparse.Namespace) -> int:
    lang = args.lang or cli_lang()
    if bool(args.ids) == bool(args.all):
        error(t("geef algoritme-id's óf --all", "give algorithm ids or --all (not both)"))
        return EXIT_INPUT
    try:
        from algoinventaris.storage import NotFound, StorageError, open_owner_db
    except ImportError as err:
        error(t(f"de opslag is niet beschikbaar: {err}", f"storage is not available: {err}"))
        return EXIT_INPUT
    from algoinventaris.package.errors import NotReady, PackageError
    from algoinventaris.package.export import export_algorithm, load_ai_act_form, submission_for
    from algoinventaris.package.keys import group_fingerprint

    try:
        form = load_ai_act_form()
    except PackageError as err:
        error(err.text(lang))
        return EXIT_INPUT
    try:
        repo = open_owner_db()
    except StorageError as err:
        error(str(err))
        return EXIT_INPUT
    try:
        ids = [a.id for a in repo.list_algorithms()] if args.all else list(args.ids)
        ready: list[str] = []
        not_ready = failed = 0
        for algorithm_id in ids:
            try:
                submission_for(repo, algorithm_id, form, language=lang)
            except NotFound:
                error(t(f"er is geen algoritme met id {algorithm_id}", f"there is no algorithm with id {algorithm_id}"))
                failed += 1
                continue
            except NotReady as err:
                error(err.text(lang))
                not_ready += 1
                continue
            ready.append(algorithm_id)
        if not ids:
            sys.stderr.write(t("Er staan geen algoritmen in de database.\n", "There are no algorithms in the database.\n"))
        if ready:
            signer = _signer(args, lang)
            if isinstance(signer, int):
                return signer
            sys.stderr.write(t(f"Ondertekend door {signer.name or '-'}, vingerafdruk {group_fingerprint(signer.fingerprint)}\n",
                               f"Signed by {signer.name or '-'}, fingerprint {group_fingerprint(signer.fingerprint)}\n"))
            for algorithm_id in ready:
                try:
                    result = export_algorithm(repo, algorithm_id, signer, args.out, form=form, language=lang)
                except (PackageError, StorageError) as err:
                    error(err.text(lang) if isinstance(err, PackageError) else str(err))
                    failed += 1
                    continue
                print(str(result.path), flush=True)
                if result.mark_error:
                    error(t(f"het pakket is geschreven, maar de status 'geëxporteerd' niet opgeslagen: {result.mark_error}",
                            f"the package was written, but the state 'exported' was not saved: {result.mark_error}"))
    finally:
        repo.close()
    if failed:
        return EXIT_FAILED
    return EXIT_OPEN if not_ready else EXIT_OK
