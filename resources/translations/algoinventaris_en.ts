<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="nl">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../algoinventaris/ui/about.py" line="+55"/>
        <source>Gegevensmap</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logbestand</source>
        <translation>Log file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Instellingen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Python {python}, Qt {qt} (PySide6 {pyside}), {system}</source>
        <translation>Python {python}, Qt {qt} (PySide6 {pyside}), {system}</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Vragenlijsten:</source>
        <translation>Questionnaires:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waar je gegevens staan:</source>
        <translation>Where your data is kept:</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+23"/>
        <source>Over Algoritme-inventaris</source>
        <translation>About Algorithm inventory</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Voor de jaarlijkse inventarisatie van algoritmes en AI-systemen: welke regels van de AI-verordening gelden, in welke categorie een algoritme valt en wat er in het Algoritmeregister komt.</source>
        <translation>For the yearly inventory of algorithms and AI systems: which rules of the AI Act apply, which category an algorithm belongs to and what goes into the algorithm register.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vragenlijsten</source>
        <translation>Questionnaires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Versie</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256 (begin)</source>
        <translation>SHA-256 (start)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waar je gegevens staan</source>
        <translation>Where your data is kept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Versies</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Kopiëren</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deze gegevens kopiëren</source>
        <translation>Copy these details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Gegevensmap openen</source>
        <translation>Open the &amp;data folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De gegevensmap openen</source>
        <translation>Open the data folder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AlgorithmList</name>
    <message>
        <location filename="../../algoinventaris/ui/algorithm_list.py" line="+48"/>
        <source>Concept</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Afgerond</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geëxporteerd</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eenheid</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ronde</source>
        <translation>Round</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laatst gewijzigd</source>
        <translation>Last changed</translation>
    </message>
    <message>
        <location line="+212"/>
        <source>Je algoritmes worden geladen…</source>
        <translation>Loading your algorithms…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Je hebt nog geen algoritmes. Kies ‘Nieuw’ om het eerste toe te voegen.</source>
        <translation>You have no algorithms yet. Choose ‘New’ to add the first one.</translation>
    </message>
    <message>
        <location line="+59"/>
        <location line="+1"/>
        <source>Mijn algoritmes</source>
        <translation>My algorithms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per algoritme of AI-toepassing beantwoord je de vragen over de AI-verordening. Elk antwoord wordt meteen bewaard; je kunt altijd stoppen en later verdergaan.</source>
        <translation>For each algorithm or AI application you answer the questions about the AI Act. Every answer is saved at once; you can stop at any moment and carry on later.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Nieuw…</source>
        <translation>&amp;New…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nieuw algoritme</source>
        <translation>New algorithm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Openen</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gekozen algoritme openen</source>
        <translation>Open the selected algorithm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verwijderen</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gekozen algoritme verwijderen</source>
        <translation>Delete the selected algorithm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Begin vanuit vorig &amp;jaar…</source>
        <translation>Start from last &amp;year…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nieuw algoritme beginnen vanuit het gekozen algoritme van vorig jaar</source>
        <translation>Start a new algorithm from the chosen algorithm of last year</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Een nieuwe ronde beginnen met de antwoorden van het gekozen algoritme als voorstel</source>
        <translation>Start a new round with the answers of the chosen algorithm as proposals</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Begin vanuit &amp;concept van de CDO…</source>
        <translation>Start from a &amp;CDO draft…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nieuw algoritme beginnen vanuit een concept van de CDO</source>
        <translation>Start a new algorithm from a draft prepared by the CDO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Een algoritme beginnen dat de CDO al klaarzette, met gegevens uit het register of de inventarisatie van vorig jaar</source>
        <translation>Start an algorithm the CDO has prepared, with data from the register or from last year's inventory</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Zoeken:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>naam, eenheid, ronde…</source>
        <translation>name, unit, round…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoeken in de lijst</source>
        <translation>Search the list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opnieuw &amp;proberen</source>
        <translation>&amp;Try again</translation>
    </message>
    <message>
        <location line="-131"/>
        <location line="+133"/>
        <source>Lijst van algoritmes</source>
        <translation>List of algorithms</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../algoinventaris/ui/app.py" line="+97"/>
        <source>Er ging iets mis</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Er ging iets onverwachts mis in de app: {what}

Je antwoorden zijn bewaard: elk antwoord wordt opgeslagen zodra je het geeft. Je kunt gewoon verder werken. Blijft het misgaan, stuur dan het logbestand naar je functioneel beheerder:
{log}</source>
        <translation>Something unexpected went wrong in the app: {what}

Your answers are safe: every answer is saved the moment you give it. You can simply carry on. If it keeps going wrong, send the log file to your application manager:
{log}</translation>
    </message>
</context>
<context>
    <name>ChoiceField</name>
    <message>
        <location filename="../../algoinventaris/ui/fields.py" line="+272"/>
        <source>Kies ten minste één antwoord.</source>
        <translation>Choose at least one answer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kies een antwoord.</source>
        <translation>Choose an answer.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../algoinventaris/ui/dialogs.py" line="+52"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DraftDialog</name>
    <message>
        <location filename="../../algoinventaris/ui/draft_dialog.py" line="+42"/>
        <source>Algoritmeregister</source>
        <translation>Algorithm register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inventarisatie vorig jaar</source>
        <translation>Last year's inventory</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>nog niet toegewezen</source>
        <translation>not assigned yet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>al begonnen: {name}</source>
        <translation>started already: {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nog niet begonnen</source>
        <translation>not started yet</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Eenheid</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bron</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Herkomst</source>
        <translation>Origin</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Afwijkingen</source>
        <translation>Deviations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Al begonnen als ‘{name}’; ga daar verder in Mijn algoritmes.</source>
        <translation>Started already as ‘{name}’; continue there in My algorithms.</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>{n} buiten het filter</source>
        <translation>{n} outside the filter</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Dit concept is nog niet aan een eenheid toegewezen. Vul in voor welke eenheid je het begint.</source>
        <translation>This draft is not assigned to a unit yet. Fill in the unit you start it for.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Begin vanuit concept van de CDO</source>
        <translation>Start from a CDO draft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>De CDO heeft deze algoritmes al klaargezet, met gegevens uit het Algoritmeregister of uit de inventarisatie van vorig jaar ({n} nog niet begonnen). Die gegevens komen als voorstel in de registervragen; je bevestigt ze één voor één. De vragen over de AI-verordening beantwoord je zelf.</source>
        <translation>The CDO has prepared these algorithms, with data from the algorithm register or from last year's inventory ({n} not started yet). That data comes in as proposals in the register questions; you confirm them one by one. You answer the AI Act questions yourself.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>eenheid, naam, bron…</source>
        <translation>unit, name, source…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concepten filteren</source>
        <translation>Filter the drafts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concepten van de CDO</source>
        <translation>Drafts from the CDO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Eenheid (voor een concept zonder eenheid):</source>
        <translation>&amp;Unit (for a draft without a unit):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Beginnen</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Een nieuw algoritme beginnen met de gegevens van dit concept (Enter)</source>
        <translation>Start a new algorithm with the data of this draft (Enter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../algoinventaris/ui/export_dialog.py" line="+514"/>
        <source>Exporteren</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‘{name}’ wordt opgeslagen als één ondertekend pakket (een zipbestand) dat je naar de CDO stuurt.</source>
        <translation>‘{name}’ is saved as one signed package (a zip file) that you send to the CDO.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Map:</source>
        <translation>&amp;Folder:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Map waarin het pakket komt</source>
        <translation>Folder the package goes into</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kiezen…</source>
        <translation>C&amp;hoose…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Map kiezen</source>
        <translation>Choose a folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ondertekenen</source>
        <translation>Signing</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Je ondertekent met het certificaat van je organisatie (vingerafdruk {fingerprint}).</source>
        <translation>You sign with your organisation&apos;s certificate (fingerprint {fingerprint}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Je ondertekent met je sleutel (vingerafdruk {fingerprint}).</source>
        <translation>You sign with your key (fingerprint {fingerprint}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Exporteren</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Map &amp;openen</source>
        <translation>&amp;Open folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De map met het pakket openen</source>
        <translation>Open the folder with the package</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Voortgang van de export</source>
        <translation>Progress of the export</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Map voor het pakket</source>
        <translation>Folder for the package</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Kies een map voor het pakket.</source>
        <translation>Choose a folder for the package.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is geen map.</source>
        <translation>{path} is not a folder.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Bezig…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Het pakket is opgeslagen:</source>
        <translation>The package has been saved:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ondertekend met de sleutel met vingerafdruk:</source>
        <translation>Signed with the key with fingerprint:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Let op: het pakket is geschreven, maar de status ‘geëxporteerd’ kon niet worden opgeslagen: {reason}</source>
        <translation>Note: the package was written, but the state ‘exported’ could not be saved: {reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Klaar</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Exporteren is niet gelukt</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Het pakket is niet gemaakt; er is niets half weggeschreven.</source>
        <translation>The package was not made; nothing was half written.</translation>
    </message>
</context>
<context>
    <name>GroupField</name>
    <message>
        <location filename="../../algoinventaris/ui/fields.py" line="+289"/>
        <source>Regel {n}</source>
        <translation>Entry {n}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{label}, regel {n}</source>
        <translation>{label}, entry {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regel {n} verwijderen</source>
        <translation>Remove entry {n}</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Regel toevoe&amp;gen</source>
        <translation>&amp;Add entry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regel toevoegen aan {label}</source>
        <translation>Add an entry to {label}</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <location filename="../../algoinventaris/ui/export_dialog.py" line="-570"/>
        <source>Publieke sleutel opslaan</source>
        <translation>Save public key</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publieke sleutel (*.pem)</source>
        <translation>Public key (*.pem)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{path} kan niet worden geschreven: {reason}</source>
        <translation>{path} cannot be written: {reason}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&amp;Naam ondertekenaar:</source>
        <translation>Signer&apos;s &amp;name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Naam ondertekenaar</source>
        <translation>Signer&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staat in het pakket en op het rapport als wie ondertekende</source>
        <translation>Appears in the package and on the report as the one who signed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Wachtwoordzin:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wachtwoordzin van je sleutel</source>
        <translation>Passphrase of your key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Herhaal wachtwoordzin:</source>
        <translation>&amp;Repeat passphrase:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Herhaal de wachtwoordzin</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>minstens 8 tekens</source>
        <translation>at least 8 characters</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Vul je naam in als ondertekenaar.</source>
        <translation>Fill in your name as the signer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vul de wachtwoordzin van je sleutel in.</source>
        <translation>Fill in the passphrase of your key.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>De twee wachtwoordzinnen zijn niet gelijk.</source>
        <translation>The two passphrases are not the same.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Hiermee maak je je persoonlijke ondertekensleutel, beveiligd met je wachtwoordzin; stuur daarna je publieke sleutel naar de CDO (met ‘Publieke sleutel opslaan…’ of met algoinventaris keys export-public).</source>
        <translation>This makes your personal signing key, protected by your passphrase; afterwards send your public key to the CDO (with ‘Save public key…’ or with algoinventaris keys export-public).</translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+217"/>
        <source>Publieke sleutel opgeslagen in {path}. Stuur dit bestand naar de CDO.</source>
        <translation>Public key saved in {path}. Send this file to the CDO.</translation>
    </message>
    <message>
        <location line="-211"/>
        <source>Ondertekensleutel</source>
        <translation>Signing key</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+247"/>
        <source>&amp;Publieke sleutel opslaan…</source>
        <translation>Save &amp;public key…</translation>
    </message>
    <message>
        <location line="-246"/>
        <location line="+247"/>
        <source>Publieke sleutel opslaan voor de CDO</source>
        <translation>Save the public key for the CDO</translation>
    </message>
    <message>
        <location line="-246"/>
        <source>Sleutel &amp;maken</source>
        <translation>&amp;Make key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Je hebt al een ondertekensleutel. Stuur de publieke sleutel naar de CDO als je dat nog niet deed.</source>
        <translation>You already have a signing key. Send the public key to the CDO if you have not done so yet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vingerafdruk: {fingerprint}</source>
        <translation>Fingerprint: {fingerprint}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../algoinventaris/ui/main_window.py" line="+61"/>
        <source>‘{name}’ verwijderen</source>
        <translation>Delete ‘{name}’</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+519"/>
        <source>Het algoritme is niet verwijderd.</source>
        <translation>The algorithm was not deleted.</translation>
    </message>
    <message>
        <location line="-514"/>
        <source>Het algoritme is niet teruggezet.</source>
        <translation>The algorithm was not restored.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>‘{name}’ is teruggezet.</source>
        <translation>‘{name}’ has been restored.</translation>
    </message>
    <message>
        <location line="+143"/>
        <source>Algoritme-inventaris</source>
        <translation>Algorithm inventory</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Bestand</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Nieuw algoritme…</source>
        <translation>&amp;New algorithm…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Openen</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mijn algoritmes</source>
        <translation>&amp;My algorithms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Exporteren…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Het gekozen algoritme opslaan als ondertekend pakket voor de CDO</source>
        <translation>Save the chosen algorithm as a signed package for the CDO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onderteken&amp;sleutel…</source>
        <translation>&amp;Signing key…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rondebestand openen…</source>
        <translation>Open &amp;round file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Het rondebestand van de CDO openen: de ronde, de termijn en de vragenlijsten van dit jaar</source>
        <translation>Open the CDO&apos;s round file: this year&apos;s round, deadline and questionnaires</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Begin vanuit vorig &amp;jaar…</source>
        <translation>Start from last &amp;year…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Begin vanuit &amp;concept van de CDO…</source>
        <translation>Start from a &amp;CDO draft…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Een algoritme beginnen dat de CDO al klaarzette, met gegevens uit het register of de inventarisatie van vorig jaar</source>
        <translation>Start an algorithm the CDO has prepared, with data from the register or from last year's inventory</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Afsluiten</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Be&amp;werken</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+28"/>
        <source>&amp;Opnieuw</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>&amp;Verwijderen</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Beel&amp;d</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hoog contrast</source>
        <translation>&amp;High contrast</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tekst &amp;groter</source>
        <translation>&amp;Larger text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tekst &amp;kleiner</source>
        <translation>&amp;Smaller text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Normale tekstgrootte</source>
        <translation>&amp;Normal text size</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Taal</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sneltoetsen</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Over Algoritme-inventaris</source>
        <translation>&amp;About Algorithm inventory</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Je gegevens staan in dit bestand</source>
        <translation>Your data is kept in this file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Databasebestand: {path}</source>
        <translation>Database file: {path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ongedaan &amp;maken</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Ongedaan maken</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location line="+201"/>
        <source>Algoritme-inventaris is al geopend met het bestand {path}.

Werk verder in het andere venster. Wil je hier werken, sluit dan eerst het andere venster en kies Opnieuw proberen.</source>
        <translation>Algorithm inventory is already open with the file {path}.

Carry on in the other window. To work here instead, first close the other window, then choose Try again.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Al geopend</source>
        <translation>Already open</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Het algoritme is niet aangemaakt.</source>
        <translation>The algorithm was not created.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>‘{name}’ is verwijderd. Ongedaan maken: Ctrl+Z.</source>
        <translation>‘{name}’ has been deleted. Undo: Ctrl+Z.</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+6"/>
        <location line="+26"/>
        <source>Het algoritme kan niet worden geopend.</source>
        <translation>The algorithm cannot be opened.</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Vragenlijst ontbreekt</source>
        <translation>Questionnaire missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De vragenlijst kan niet worden gelezen. Installeer de app opnieuw of neem contact op met je functioneel beheerder.</source>
        <translation>The questionnaire cannot be read. Install the app again or contact your application manager.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Rondebestand openen</source>
        <translation>Open round file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rondebestand (*.zip);;Alle bestanden (*)</source>
        <translation>Round file (*.zip);;All files (*)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Ronde ‘{round}’ geopend.</source>
        <translation>Round ‘{round}’ opened.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Het algoritme kan niet worden overgenomen.</source>
        <translation>The algorithm cannot be carried over.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nog geen nieuwe ronde</source>
        <translation>No new round yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Er is nog geen andere ronde geopend dan ‘{round}’. Open eerst het rondebestand van de CDO (Bestand → Rondebestand openen…).</source>
        <translation>No round other than ‘{round}’ has been opened yet. First open the CDO&apos;s round file (File → Open round file…).</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Niet overgenomen</source>
        <translation>Not carried over</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Het algoritme is niet overgenomen; er is niets veranderd.</source>
        <translation>The algorithm was not carried over; nothing was changed.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{n} antwoorden van vorig jaar staan klaar als voorstel; {r} punten om na te kijken.</source>
        <translation>{n} answers from last year are ready as proposals; {r} items to review.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Concepten niet te lezen</source>
        <translation>Drafts cannot be read</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Geen concepten</source>
        <translation>No drafts</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>De geopende rondes hebben geen concepten van de CDO die nog niet begonnen zijn.</source>
        <translation>The opened rounds have no drafts from the CDO that have not been started yet.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Niet begonnen</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Het concept is niet begonnen; er is niets veranderd.</source>
        <translation>The draft was not started; nothing was changed.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{n} registergegevens staan klaar als voorstel; de vragen over de AI-verordening beantwoord je zelf.</source>
        <translation>{n} register details are ready as proposals; you answer the AI Act questions yourself.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Het algoritme kan niet worden geëxporteerd.</source>
        <translation>The algorithm cannot be exported.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nog niet klaar om te exporteren</source>
        <translation>Not ready to export yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‘{name}’ heeft nog geen conclusie over de AI-verordening. Beantwoord eerst die vragen; daarna kun je exporteren.</source>
        <translation>‘{name}’ has no conclusion about the AI Act yet. Answer those questions first; then you can export.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+29"/>
        <source>Ondertekensleutel onleesbaar</source>
        <translation>Signing key unreadable</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>De ondertekensleutel kan niet worden gelezen.</source>
        <translation>The signing key cannot be read.</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Pakket opgeslagen: {path}</source>
        <translation>Package saved: {path}</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Enter: volgende vraag (in een tekstvak met meerdere regels: Ctrl+Enter)
Alt+R: vorige vraag · Alt+O: overzicht · Alt+M: Mijn algoritmes
1–9: kies het antwoord met dat nummer · pijltjestoetsen: ander antwoord kiezen
Tab / Shift+Tab: naar het volgende / vorige onderdeel; onderstreepte begrippen zijn ook met Tab te bereiken, Enter toont de uitleg
Ctrl+N: nieuw algoritme · Ctrl+O: openen · Delete: verwijderen · Ctrl+Z: ongedaan maken
Ctrl+E: exporteren als ondertekend pakket · Alt+E op het overzicht: exporteren
Ctrl+plus / Ctrl+min / Ctrl+0: tekst groter / kleiner / normaal · Ctrl+Alt+H: hoog contrast</source>
        <translation>Enter: next question (in a text box with several lines: Ctrl+Enter)
Alt+B: previous question · Alt+O: overview · Alt+M: My algorithms
1–9: choose the answer with that number · arrow keys: choose another answer
Tab / Shift+Tab: to the next / previous part; underlined terms can be reached with Tab too, Enter shows the explanation
Ctrl+N: new algorithm · Ctrl+O: open · Delete: delete · Ctrl+Z: undo
Ctrl+E: export as a signed package · Alt+X on the overview: export
Ctrl+plus / Ctrl+minus / Ctrl+0: larger / smaller / normal text · Ctrl+Alt+H: high contrast</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sneltoetsen</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Het pakket wordt nog geschreven. Sluit de app als dat klaar is.</source>
        <translation>The package is still being written. Close the app when that is done.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Database beschadigd</source>
        <translation>Database damaged</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Het bestand {path} is geen leesbare database van Algoritme-inventaris (het is beschadigd of van een ander programma).

De app heeft het bestand niet gewijzigd. Zet een reservekopie terug, of verplaats het bestand en start de app opnieuw om met een lege database te beginnen. Twijfel je, neem dan contact op met je functioneel beheerder.</source>
        <translation>The file {path} is not a readable Algorithm inventory database (it is damaged or belongs to another program).

The app has not changed the file. Restore a backup copy, or move the file away and start the app again to begin with an empty database. If in doubt, contact your application manager.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nieuwere database</source>
        <translation>Newer database</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Het bestand {path} is gemaakt met een nieuwere versie van Algoritme-inventaris. Deze versie opent het niet, zodat er niets verloren gaat.

Installeer de nieuwste versie van de app.</source>
        <translation>The file {path} was made by a newer version of Algorithm inventory. This version does not open it, so that nothing gets lost.

Install the latest version of the app.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Database bezet</source>
        <translation>Database busy</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Een ander programma gebruikt het bestand {path} op dit moment.

Sluit het andere programma (of wacht even) en probeer het opnieuw.</source>
        <translation>Another program is using the file {path} right now.

Close the other program (or wait a moment) and try again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Niet gevonden</source>
        <translation>Not found</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dit algoritme bestaat niet meer in {path}. Misschien is het verwijderd.</source>
        <translation>This algorithm no longer exists in {path}. Perhaps it was deleted.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database niet te gebruiken</source>
        <translation>Database cannot be used</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Het bestand {path} kan niet worden geopend of bijgewerkt.

Controleer of de map bestaat, of er ruimte vrij is en of je er mag schrijven. Start de app daarna opnieuw. Het bestand is niet overschreven.</source>
        <translation>The file {path} cannot be opened or updated.

Check that the folder exists, that there is free space and that you may write there. Then start the app again. The file has not been overwritten.</translation>
    </message>
</context>
<context>
    <name>NewAlgorithmDialog</name>
    <message>
        <location filename="../../algoinventaris/ui/dialogs.py" line="+20"/>
        <source>Inventarisatie {year}</source>
        <translation>Inventory {year}</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Nieuw algoritme</source>
        <translation>New algorithm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geef het algoritme of de AI-toepassing een naam die collega&apos;s herkennen. Organisatie, eenheid en ronde worden onthouden voor het volgende algoritme.</source>
        <translation>Give the algorithm or AI application a name your colleagues recognise. Organisation, unit and round are remembered for the next algorithm.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Naam:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Organisatie:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Eenheid:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Ronde:</source>
        <translation>&amp;Round:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bijvoorbeeld: Toewijzing parkeervergunningen</source>
        <translation>for example: Allocation of parking permits</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+12"/>
        <source>Organisatie</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+12"/>
        <source>Eenheid</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+12"/>
        <source>Ronde</source>
        <translation>Round</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>&amp;Aanmaken</source>
        <translation>&amp;Create</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Nog in te vullen: {fields}.</source>
        <translation>Still to fill in: {fields}.</translation>
    </message>
</context>
<context>
    <name>QuestionPage</name>
    <message>
        <location filename="../../algoinventaris/ui/question_page.py" line="+177"/>
        <source>Uit het register (alleen ter informatie)</source>
        <translation>From the register (for information only)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tonen of verbergen wat het register over dit algoritme zegt</source>
        <translation>Show or hide what the register says about this algorithm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De app beantwoordt de vragen over de AI-verordening nooit op basis van registertekst; kies zelf het antwoord dat past.</source>
        <translation>The app never answers the AI Act questions from register text; choose the answer that fits yourself.</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>Toelichting</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bronnen</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Begrippen op deze pagina ({n})</source>
        <translation>Terms on this page ({n})</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Vraag {number} — nog ongeveer {remaining}</source>
        <translation>Question {number} — about {remaining} to go</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vraag {number} — waarschijnlijk de laatste</source>
        <translation>Question {number} — probably the last one</translation>
    </message>
</context>
<context>
    <name>RoundOpenDialog</name>
    <message>
        <location filename="../../algoinventaris/ui/round_dialogs.py" line="+35"/>
        <source>{form} (versie {version})</source>
        <translation>{form} (version {version})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>De ronde ‘{round}’ was al geopend met dit bestand; er is niets veranderd.</source>
        <translation>The round ‘{round}’ was already opened with this file; nothing was changed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>De ronde ‘{round}’ is bijgewerkt met een nieuwere bundel (nummer {n}).</source>
        <translation>The round ‘{round}’ was updated with a newer bundle (number {n}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>De ronde ‘{round}’ is geopend.</source>
        <translation>The round ‘{round}’ has been opened.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Organisatie: {org}</source>
        <translation>Organisation: {org}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vragenlijsten: {forms}</source>
        <translation>Questionnaires: {forms}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inleveren uiterlijk: {date}</source>
        <translation>Due by: {date}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Rondebestand openen</source>
        <translation>Open round file</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Voortgang van de controle</source>
        <translation>Progress of the check</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>CDO-sleutel &amp;kiezen…</source>
        <translation>&amp;Choose CDO key…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Het rondebestand wordt gecontroleerd…</source>
        <translation>Checking the round file…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Controleren: {what}</source>
        <translation>Checking: {what}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Het rondebestand is niet geopend; er is niets veranderd.</source>
        <translation>The round file was not opened; nothing was changed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kies hieronder het bestand cdo.pem dat je van de CDO kreeg, of stel de sleutel in met: {command}</source>
        <translation>Choose the cdo.pem file you received from the CDO below, or set up the key with: {command}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>CDO-sleutel kiezen</source>
        <translation>Choose CDO key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publieke sleutel (*.pem);;Alle bestanden (*)</source>
        <translation>Public key (*.pem);;All files (*)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>De CDO-sleutel is niet ingesteld.</source>
        <translation>The CDO key was not set up.</translation>
    </message>
</context>
<context>
    <name>StartFromLastYearDialog</name>
    <message>
        <location line="+19"/>
        <source>Begin vanuit vorig jaar</source>
        <translation>Start from last year</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Er komt een nieuw algoritme in de gekozen ronde, met de antwoorden van ‘{name}’ ({round}) als voorstel. Je bevestigt of wijzigt ze daarna zelf; het algoritme van vorig jaar blijft zoals het is.</source>
        <translation>A new algorithm is made in the chosen round, with the answers of ‘{name}’ ({round}) as proposals. You then confirm or change them yourself; last year&apos;s algorithm stays as it is.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Ronde:</source>
        <translation>&amp;Round:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Beginnen</source>
        <translation>&amp;Start</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../algoinventaris/ui/summary_page.py" line="+356"/>
        <source>Samenvatting</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Overzicht</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Conclusie</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wat je moet doen</source>
        <translation>What you need to do</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Geen verplichtingen uit de AI-verordening.</source>
        <translation>No obligations under the AI Act.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bronnen</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kenmerken</source>
        <translation>Characteristics</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nog geen conclusie</source>
        <translation>No conclusion yet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Je hebt 1 vraag beantwoord.</source>
        <translation>You have answered 1 question.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Je hebt {n} vragen beantwoord.</source>
        <translation>You have answered {n} questions.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Beantwoord de open vraag om tot een conclusie te komen.</source>
        <translation>Answer the open question to reach a conclusion.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Verder met de open vraag</source>
        <translation>&amp;Continue with the open question</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Je antwoorden</source>
        <translation>Your answers</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Apart gezet ({n})</source>
        <translation>Set aside ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deze antwoorden horen niet meer bij je route, omdat je een eerder antwoord hebt gewijzigd. Ze tellen niet mee. Ze blijven bewaard tot je ze verwijdert; wijzig je het antwoord terug, dan worden ze weer gebruikt.</source>
        <translation>These answers are no longer on your route, because you changed an earlier answer. They do not count. They are kept until you delete them; if you change the answer back, they are used again.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Apart gezette antwoorden</source>
        <translation>Answers set aside</translation>
    </message>
    <message>
        <location line="-364"/>
        <source>Wijzig</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wijzig antwoord op: {question}</source>
        <translation>Change the answer to: {question}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Huidig antwoord: {answer}</source>
        <translation>Current answer: {answer}</translation>
    </message>
    <message>
        <location line="+170"/>
        <source>Veranderd sinds vorig jaar</source>
        <translation>Changed since last year</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Niet overgenomen uit het register</source>
        <translation>Not taken from the register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Niet overgenomen uit de inventarisatie van vorig jaar</source>
        <translation>Not taken from last year's inventory</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deze gegevens staan niet in je antwoorden; ze zijn bewaard zodat je ze kunt nalezen of zelf kunt overnemen:</source>
        <translation>These details are not in your answers; they are kept so that you can read them or copy them yourself:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Alle gegevens zijn als voorstel in je antwoorden overgenomen.</source>
        <translation>All details were taken into your answers as proposals.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Afwijkingen in de bron ({n}):</source>
        <translation>Deviations in the source ({n}):</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Categorie</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waarom:</source>
        <translation>Why:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>nog niet bepaald</source>
        <translation>not decided yet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>De categorie volgt uit de vragen over impact, publicatie en toetsen.</source>
        <translation>The category follows from the questions on impact, publication and assessments.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>⚑ Afwijkende keuze: je koos categorie {chosen}, de app stelt {proposed} voor. De CDO ziet deze keuze en je toelichting.</source>
        <translation>⚑ Different choice: you chose category {chosen}, the app proposes {proposed}. The CDO sees this choice and your reason.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Toelichting: {reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Publicatie</source>
        <translation>Publication</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mensenrechtentoets</source>
        <translation>Human-rights assessment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DPIA</source>
        <translation>DPIA</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Vereisten uit het Algoritmekader ({n})</source>
        <translation>Requirements from the Algoritmekader ({n})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Klaar om te exporteren: één ondertekend pakket voor de CDO.</source>
        <translation>Ready to export: one signed package for the CDO.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Je kunt al exporteren, maar het pakket is dan nog niet volledig:</source>
        <translation>You can export already, but the package is then not complete yet:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Exporteren…</source>
        <translation>E&amp;xport…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exporteren als ondertekend pakket</source>
        <translation>Export as a signed package</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Vooraf ingevuld en nog te bevestigen: {n}.</source>
        <translation>Filled in beforehand and still to confirm: {n}.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;Apart gezette antwoorden verwijderen…</source>
        <translation>&amp;Delete the answers set aside…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Verder met: {title} ▶</source>
        <translation>Continue with: {title} ▶</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>◀ Terug naar: {title}</source>
        <translation>◀ Back to: {title}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>(vooraf ingevuld, nog niet bevestigd)</source>
        <translation>(filled in beforehand, not confirmed yet)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nog geen antwoorden.</source>
        <translation>No answers yet.</translation>
    </message>
</context>
<context>
    <name>UnsupportedField</name>
    <message>
        <location filename="../../algoinventaris/ui/fields.py" line="+49"/>
        <source>Deze versie van de app kan vragen van het type &apos;{type}&apos; nog niet tonen. Werk de app bij om deze vraag te beantwoorden.</source>
        <translation>This version of the app cannot show questions of the type &apos;{type}&apos; yet. Update the app to answer this question.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Deze vraag kan in deze versie niet worden beantwoord.</source>
        <translation>This question cannot be answered in this version.</translation>
    </message>
</context>
<context>
    <name>ValueField</name>
    <message>
        <location line="-335"/>
        <source>(verplicht)</source>
        <translation>(required)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>— kies —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>JJJJ-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JJJJ-MM</source>
        <translation>YYYY-MM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>naam@organisatie.nl</source>
        <translation>name@organisation.nl</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Eén item per regel.</source>
        <translation>One item per line.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eén item per regel</source>
        <translation>One item per line</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../algoinventaris/ui/welcome.py" line="+69"/>
        <source>Welkom</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Welkom bij Algoritme-inventaris</source>
        <translation>Welcome to Algorithm inventory</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Met deze app zoek je per algoritme of AI-toepassing uit welke regels van de AI-verordening gelden, in welke categorie het valt en wat er in het Algoritmeregister komt. Je werkt op je eigen computer, elk antwoord wordt meteen bewaard, en aan het eind stuur je een ondertekend pakket naar de CDO van je organisatie.</source>
        <translation>With this app you work out, for each algorithm or AI application, which rules of the AI Act apply, which category it belongs to and what goes into the algorithm register. You work on your own computer, every answer is saved at once, and at the end you send a signed package to your organisation&apos;s CDO.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Beginnen</source>
        <translation>&amp;Begin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Beginnen met een nieuw algoritme</source>
        <translation>Begin with a new algorithm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rondebestand openen…</source>
        <translation>Open &amp;round file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Het rondebestand openen dat je van de CDO kreeg</source>
        <translation>Open the round file you received from the CDO</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Rondebestand openen</source>
        <translation>Open round file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Sleutel maken</source>
        <translation>Make signing &amp;key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ondertekensleutel maken</source>
        <translation>Make a signing key</translation>
    </message>
</context>
<context>
    <name>WizardView</name>
    <message>
        <location filename="../../algoinventaris/ui/wizard.py" line="+269"/>
        <source>Je eerdere antwoord op deze vraag past niet bij de huidige versie van de vragenlijst. Kies opnieuw.</source>
        <translation>Your earlier answer to this question does not fit the current version of the questionnaire. Please choose again.</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Dit antwoord is vooraf ingevuld. Controleer het en kies Volgende.</source>
        <translation>This answer was filled in beforehand. Check it and choose Next.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Een eerder antwoord hoort niet meer bij je route en staat apart. Je vindt het in het overzicht.</source>
        <translation>An earlier answer is no longer on your route and has been set aside. You will find it in the overview.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} eerdere antwoorden horen niet meer bij je route en staan apart. Je vindt ze in het overzicht.</source>
        <translation>{n} earlier answers are no longer on your route and have been set aside. You will find them in the overview.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>De vragenlijst is bijgewerkt sinds je begon. Loop je antwoorden na in het overzicht.</source>
        <translation>The questionnaire has been updated since you started. Check your answers in the overview.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Dit antwoord kan hier niet: {reason}</source>
        <translation>This answer is not possible here: {reason}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Je antwoord is niet opgeslagen.</source>
        <translation>Your answer was not saved.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>De categorie is niet vastgelegd.</source>
        <translation>The category was not recorded.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Apart gezette antwoorden verwijderen</source>
        <translation>Delete the answers set aside</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Het apart gezette antwoord wordt definitief verwijderd.</source>
        <translation>The answer set aside will be deleted for good.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} apart gezette antwoorden worden definitief verwijderd.</source>
        <translation>{n} answers set aside will be deleted for good.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Je route en conclusie veranderen niet.</source>
        <translation>Your route and conclusion do not change.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verwijderen</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>De apart gezette antwoorden zijn niet verwijderd.</source>
        <translation>The answers set aside were not deleted.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>← &amp;Mijn algoritmes</source>
        <translation>← &amp;My algorithms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terug naar Mijn algoritmes</source>
        <translation>Back to My algorithms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Overzicht</source>
        <translation>&amp;Overview</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overzicht van je antwoorden</source>
        <translation>Overview of your answers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>◀ Vo&amp;rige</source>
        <translation>◀ &amp;Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vorige vraag</source>
        <translation>Previous question</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Volgende ▶</source>
        <translation>&amp;Next ▶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volgende</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slaat je antwoord op en gaat verder (Enter)</source>
        <translation>Saves your answer and goes on (Enter)</translation>
    </message>
</context>
</TS>
