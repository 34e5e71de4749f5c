<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="nl">
<context>
    <name>AlgorithmList</name>
    <message>
        <location filename="../../algoinventaris/ui/algorithm_list.py" line="+46" />
        <source>Concept</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Afgerond</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Geëxporteerd</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Eenheid</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ronde</source>
        <translation>Round</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Laatst gewijzigd</source>
        <translation>Last changed</translation>
    </message>
    <message>
        <location line="+213" />
        <source>Je algoritmes worden geladen…</source>
        <translation>Loading your algorithms…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Je hebt nog geen algoritmes. Kies ‘Nieuw’ om het eerste toe te voegen.</source>
        <translation>You have no algorithms yet. Choose ‘New’ to add the first one.</translation>
    </message>
    <message>
        <location line="+46" />
        <location line="+1" />
        <source>Mijn algoritmes</source>
        <translation>My algorithms</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Per algoritme of AI-toepassing beantwoord je de vragen over de AI-verordening. Elk antwoord wordt meteen bewaard; je kunt altijd stoppen en later verdergaan.</source>
        <translation>For each algorithm or AI application you answer the questions about the AI Act. Every answer is saved at once; you can stop at any moment and carry on later.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Nieuw…</source>
        <translation>&amp;New…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Nieuw algoritme</source>
        <translation>New algorithm</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Openen</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Gekozen algoritme openen</source>
        <translation>Open the selected algorithm</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Verwijderen</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Gekozen algoritme verwijderen</source>
        <translation>Delete the selected algorithm</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Zoeken:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>naam, eenheid, ronde…</source>
        <translation>name, unit, round…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Zoeken in de lijst</source>
        <translation>Search the list</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Opnieuw &amp;proberen</source>
        <translation>&amp;Try again</translation>
    </message>
    <message>
        <location line="-108" />
        <location line="+110" />
        <source>Lijst van algoritmes</source>
        <translation>List of algorithms</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../algoinventaris/ui/app.py" line="+73" />
        <source>Er ging iets mis</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Er ging iets mis in de app. Je eerder gegeven antwoorden zijn bewaard. Probeer het opnieuw; blijft het misgaan, stuur dan het logbestand naar je functioneel beheerder.</source>
        <translation>Something went wrong in the app. The answers you gave earlier are saved. Try again; if it keeps going wrong, send the log file to your application manager.</translation>
    </message>
</context>
<context>
    <name>ChoiceField</name>
    <message>
        <location filename="../../algoinventaris/ui/fields.py" line="+272" />
        <source>Kies ten minste één antwoord.</source>
        <translation>Choose at least one answer.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Kies een antwoord.</source>
        <translation>Choose an answer.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../algoinventaris/ui/dialogs.py" line="+52" />
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GroupField</name>
    <message>
        <location filename="../../algoinventaris/ui/fields.py" line="+289" />
        <source>Regel {n}</source>
        <translation>Entry {n}</translation>
    </message>
    <message>
        <location line="+4" />
        <source>{label}, regel {n}</source>
        <translation>{label}, entry {n}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Regel {n} verwijderen</source>
        <translation>Remove entry {n}</translation>
    </message>
    <message>
        <location line="+61" />
        <source>Regel toevoe&amp;gen</source>
        <translation>&amp;Add entry</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Regel toevoegen aan {label}</source>
        <translation>Add an entry to {label}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../algoinventaris/ui/main_window.py" line="+45" />
        <source>‘{name}’ verwijderen</source>
        <translation>Delete ‘{name}’</translation>
    </message>
    <message>
        <location line="+11" />
        <location line="+332" />
        <source>Het algoritme is niet verwijderd.</source>
        <translation>The algorithm was not deleted.</translation>
    </message>
    <message>
        <location line="-327" />
        <source>Het algoritme is niet teruggezet.</source>
        <translation>The algorithm was not restored.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>‘{name}’ is teruggezet.</source>
        <translation>‘{name}’ has been restored.</translation>
    </message>
    <message>
        <location line="+117" />
        <source>Algoritme-inventaris</source>
        <translation>Algorithm inventory</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Bestand</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Nieuw algoritme…</source>
        <translation>&amp;New algorithm…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Openen</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Mijn algoritmes</source>
        <translation>&amp;My algorithms</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Afsluiten</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Be&amp;werken</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+28" />
        <source>&amp;Opnieuw</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location line="-27" />
        <source>&amp;Verwijderen</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Beel&amp;d</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Hoog contrast</source>
        <translation>&amp;High contrast</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Tekst &amp;groter</source>
        <translation>&amp;Larger text</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Tekst &amp;kleiner</source>
        <translation>&amp;Smaller text</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Normale tekstgrootte</source>
        <translation>&amp;Normal text size</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Taal</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Sneltoetsen</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Over Algoritme-inventaris</source>
        <translation>&amp;About Algorithm inventory</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Je gegevens staan in dit bestand</source>
        <translation>Your data is kept in this file</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Databasebestand: {path}</source>
        <translation>Database file: {path}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ongedaan &amp;maken</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location line="+12" />
        <source>&amp;Ongedaan maken</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location line="+69" />
        <source>Algoritme-inventaris is al geopend met het bestand {path}.

Werk verder in het andere venster. Wil je hier werken, sluit dan eerst het andere venster en kies Opnieuw proberen.</source>
        <translation>Algorithm inventory is already open with the file {path}.

Carry on in the other window. To work here instead, first close the other window, then choose Try again.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Al geopend</source>
        <translation>Already open</translation>
    </message>
    <message>
        <location line="+83" />
        <source>Het algoritme is niet aangemaakt.</source>
        <translation>The algorithm was not created.</translation>
    </message>
    <message>
        <location line="+19" />
        <source>‘{name}’ is verwijderd. Ongedaan maken: Ctrl+Z.</source>
        <translation>‘{name}’ has been deleted. Undo: Ctrl+Z.</translation>
    </message>
    <message>
        <location line="+14" />
        <location line="+20" />
        <source>Het algoritme kan niet worden geopend.</source>
        <translation>The algorithm cannot be opened.</translation>
    </message>
    <message>
        <location line="-6" />
        <source>Vragenlijst ontbreekt</source>
        <translation>Questionnaire missing</translation>
    </message>
    <message>
        <location line="+1" />
        <source>De vragenlijst kan niet worden gelezen. Installeer de app opnieuw of neem contact op met je functioneel beheerder.</source>
        <translation>The questionnaire cannot be read. Install the app again or contact your application manager.</translation>
    </message>
    <message>
        <location line="+58" />
        <source>Over Algoritme-inventaris</source>
        <translation>About Algorithm inventory</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Algoritme-inventaris {version}

Voor de jaarlijkse inventarisatie van algoritmes en AI-systemen: welke regels van de AI-verordening gelden, en wat in het Algoritmeregister komt.

Je gegevens: {path}</source>
        <translation>Algorithm inventory {version}

For the yearly inventory of algorithms and AI systems: which rules of the AI Act apply, and what goes into the Algorithm Register.

Your data: {path}</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Sneltoetsen</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Enter: volgende vraag (in een tekstvak met meerdere regels: Ctrl+Enter)
Alt+R: vorige vraag · Alt+O: overzicht · Alt+M: Mijn algoritmes
1–9: kies het antwoord met dat nummer · pijltjestoetsen: ander antwoord kiezen
Tab / Shift+Tab: naar het volgende / vorige onderdeel; onderstreepte begrippen zijn ook met Tab te bereiken, Enter toont de uitleg
Ctrl+N: nieuw algoritme · Ctrl+O: openen · Delete: verwijderen · Ctrl+Z: ongedaan maken
Ctrl+plus / Ctrl+min / Ctrl+0: tekst groter / kleiner / normaal · Ctrl+Alt+H: hoog contrast</source>
        <translation>Enter: next question (in a text box with several lines: Ctrl+Enter)
Alt+B: previous question · Alt+O: overview · Alt+M: My algorithms
1–9: choose the answer with that number · arrow keys: choose another answer
Tab / Shift+Tab: to the next / previous part; underlined terms can be reached with Tab too, Enter shows the explanation
Ctrl+N: new algorithm · Ctrl+O: open · Delete: delete · Ctrl+Z: undo
Ctrl+plus / Ctrl+minus / Ctrl+0: larger / smaller / normal text · Ctrl+Alt+H: high contrast</translation>
    </message>
    <message>
        <location line="+34" />
        <source>Database beschadigd</source>
        <translation>Database damaged</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Het bestand {path} is geen leesbare database van Algoritme-inventaris (het is beschadigd of van een ander programma).

De app heeft het bestand niet gewijzigd. Zet een reservekopie terug, of verplaats het bestand en start de app opnieuw om met een lege database te beginnen. Twijfel je, neem dan contact op met je functioneel beheerder.</source>
        <translation>The file {path} is not a readable Algorithm inventory database (it is damaged or belongs to another program).

The app has not changed the file. Restore a backup copy, or move the file away and start the app again to begin with an empty database. If in doubt, contact your application manager.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Nieuwere database</source>
        <translation>Newer database</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Het bestand {path} is gemaakt met een nieuwere versie van Algoritme-inventaris. Deze versie opent het niet, zodat er niets verloren gaat.

Installeer de nieuwste versie van de app.</source>
        <translation>The file {path} was made by a newer version of Algorithm inventory. This version does not open it, so that nothing gets lost.

Install the latest version of the app.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Database bezet</source>
        <translation>Database busy</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Een ander programma gebruikt het bestand {path} op dit moment.

Sluit het andere programma (of wacht even) en probeer het opnieuw.</source>
        <translation>Another program is using the file {path} right now.

Close the other program (or wait a moment) and try again.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Niet gevonden</source>
        <translation>Not found</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Dit algoritme bestaat niet meer in {path}. Misschien is het verwijderd.</source>
        <translation>This algorithm no longer exists in {path}. Perhaps it was deleted.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Database niet te gebruiken</source>
        <translation>Database cannot be used</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Het bestand {path} kan niet worden geopend of bijgewerkt.

Controleer of de map bestaat, of er ruimte vrij is en of je er mag schrijven. Start de app daarna opnieuw. Het bestand is niet overschreven.</source>
        <translation>The file {path} cannot be opened or updated.

Check that the folder exists, that there is free space and that you may write there. Then start the app again. The file has not been overwritten.</translation>
    </message>
</context>
<context>
    <name>NewAlgorithmDialog</name>
    <message>
        <location filename="../../algoinventaris/ui/dialogs.py" line="+20" />
        <source>Inventarisatie {year}</source>
        <translation>Inventory {year}</translation>
    </message>
    <message>
        <location line="+53" />
        <source>Nieuw algoritme</source>
        <translation>New algorithm</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Geef het algoritme of de AI-toepassing een naam die collega's herkennen. Organisatie, eenheid en ronde worden onthouden voor het volgende algoritme.</source>
        <translation>Give the algorithm or AI application a name your colleagues recognise. Organisation, unit and round are remembered for the next algorithm.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Naam:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Organisatie:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Eenheid:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Ronde:</source>
        <translation>&amp;Round:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>bijvoorbeeld: Toewijzing parkeervergunningen</source>
        <translation>for example: Allocation of parking permits</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+12" />
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-11" />
        <location line="+12" />
        <source>Organisatie</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="-11" />
        <location line="+12" />
        <source>Eenheid</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="-11" />
        <location line="+12" />
        <source>Ronde</source>
        <translation>Round</translation>
    </message>
    <message>
        <location line="-10" />
        <source>&amp;Aanmaken</source>
        <translation>&amp;Create</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Nog in te vullen: {fields}.</source>
        <translation>Still to fill in: {fields}.</translation>
    </message>
</context>
<context>
    <name>QuestionPage</name>
    <message>
        <location filename="../../algoinventaris/ui/question_page.py" line="+215" />
        <source>Toelichting</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Bronnen</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Begrippen op deze pagina ({n})</source>
        <translation>Terms on this page ({n})</translation>
    </message>
    <message>
        <location line="+36" />
        <source>Vraag {number} — nog ongeveer {remaining}</source>
        <translation>Question {number} — about {remaining} to go</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Vraag {number} — waarschijnlijk de laatste</source>
        <translation>Question {number} — probably the last one</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../algoinventaris/ui/summary_page.py" line="+165" />
        <source>Samenvatting</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Overzicht</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Conclusie</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Wat je moet doen</source>
        <translation>What you need to do</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Geen verplichtingen uit de AI-verordening.</source>
        <translation>No obligations under the AI Act.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Bronnen</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Kenmerken</source>
        <translation>Characteristics</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Nog geen conclusie</source>
        <translation>No conclusion yet</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Je hebt 1 vraag beantwoord.</source>
        <translation>You have answered 1 question.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Je hebt {n} vragen beantwoord.</source>
        <translation>You have answered {n} questions.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Beantwoord de open vraag om tot een conclusie te komen.</source>
        <translation>Answer the open question to reach a conclusion.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Verder met de open vraag</source>
        <translation>&amp;Continue with the open question</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Je antwoorden</source>
        <translation>Your answers</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Apart gezet ({n})</source>
        <translation>Set aside ({n})</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Deze antwoorden horen niet meer bij je route, omdat je een eerder antwoord hebt gewijzigd. Ze tellen niet mee. Ze blijven bewaard tot je ze verwijdert; wijzig je het antwoord terug, dan worden ze weer gebruikt.</source>
        <translation>These answers are no longer on your route, because you changed an earlier answer. They do not count. They are kept until you delete them; if you change the answer back, they are used again.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Apart gezette antwoorden</source>
        <translation>Answers set aside</translation>
    </message>
    <message>
        <location line="-181" />
        <source>Wijzig</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Wijzig antwoord op: {question}</source>
        <translation>Change the answer to: {question}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Huidig antwoord: {answer}</source>
        <translation>Current answer: {answer}</translation>
    </message>
    <message>
        <location line="+180" />
        <source>&amp;Apart gezette antwoorden verwijderen…</source>
        <translation>&amp;Delete the answers set aside…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Verder met: {title} ▶</source>
        <translation>Continue with: {title} ▶</translation>
    </message>
    <message>
        <location line="+3" />
        <source>◀ Terug naar: {title}</source>
        <translation>◀ Back to: {title}</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Nog geen antwoorden.</source>
        <translation>No answers yet.</translation>
    </message>
</context>
<context>
    <name>UnsupportedField</name>
    <message>
        <location filename="../../algoinventaris/ui/fields.py" line="+49" />
        <source>Deze versie van de app kan vragen van het type '{type}' nog niet tonen. Werk de app bij om deze vraag te beantwoorden.</source>
        <translation>This version of the app cannot show questions of the type '{type}' yet. Update the app to answer this question.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Deze vraag kan in deze versie niet worden beantwoord.</source>
        <translation>This question cannot be answered in this version.</translation>
    </message>
</context>
<context>
    <name>ValueField</name>
    <message>
        <location line="-335" />
        <source>(verplicht)</source>
        <translation>(required)</translation>
    </message>
    <message>
        <location line="+41" />
        <source>— kies —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location line="+8" />
        <source>JJJJ-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+1" />
        <source>JJJJ-MM</source>
        <translation>YYYY-MM</translation>
    </message>
    <message>
        <location line="+1" />
        <source>naam@organisatie.nl</source>
        <translation>name@organisation.nl</translation>
    </message>
    <message>
        <location line="+87" />
        <source>Eén item per regel.</source>
        <translation>One item per line.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Eén item per regel</source>
        <translation>One item per line</translation>
    </message>
</context>
<context>
    <name>WizardView</name>
    <message>
        <location filename="../../algoinventaris/ui/wizard.py" line="+184" />
        <source>Je eerdere antwoord op deze vraag past niet bij de huidige versie van de vragenlijst. Kies opnieuw.</source>
        <translation>Your earlier answer to this question does not fit the current version of the questionnaire. Please choose again.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Dit antwoord is vooraf ingevuld. Controleer het en kies Volgende.</source>
        <translation>This answer was filled in beforehand. Check it and choose Next.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Een eerder antwoord hoort niet meer bij je route en staat apart. Je vindt het in het overzicht.</source>
        <translation>An earlier answer is no longer on your route and has been set aside. You will find it in the overview.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{n} eerdere antwoorden horen niet meer bij je route en staan apart. Je vindt ze in het overzicht.</source>
        <translation>{n} earlier answers are no longer on your route and have been set aside. You will find them in the overview.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>De vragenlijst is bijgewerkt sinds je begon. Loop je antwoorden na in het overzicht.</source>
        <translation>The questionnaire has been updated since you started. Check your answers in the overview.</translation>
    </message>
    <message>
        <location line="+32" />
        <source>Dit antwoord kan hier niet: {reason}</source>
        <translation>This answer is not possible here: {reason}</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Je antwoord is niet opgeslagen.</source>
        <translation>Your answer was not saved.</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Apart gezette antwoorden verwijderen</source>
        <translation>Delete the answers set aside</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Het apart gezette antwoord wordt definitief verwijderd.</source>
        <translation>The answer set aside will be deleted for good.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>{n} apart gezette antwoorden worden definitief verwijderd.</source>
        <translation>{n} answers set aside will be deleted for good.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Je route en conclusie veranderen niet.</source>
        <translation>Your route and conclusion do not change.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Verwijderen</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+6" />
        <source>De apart gezette antwoorden zijn niet verwijderd.</source>
        <translation>The answers set aside were not deleted.</translation>
    </message>
    <message>
        <location line="+23" />
        <source>← &amp;Mijn algoritmes</source>
        <translation>← &amp;My algorithms</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Terug naar Mijn algoritmes</source>
        <translation>Back to My algorithms</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Overzicht</source>
        <translation>&amp;Overview</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Overzicht van je antwoorden</source>
        <translation>Overview of your answers</translation>
    </message>
    <message>
        <location line="+1" />
        <source>◀ Vo&amp;rige</source>
        <translation>◀ &amp;Back</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Vorige vraag</source>
        <translation>Previous question</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Volgende ▶</source>
        <translation>&amp;Next ▶</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Volgende</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Slaat je antwoord op en gaat verder (Enter)</source>
        <translation>Saves your answer and goes on (Enter)</translation>
    </message>
</context>
</TS>