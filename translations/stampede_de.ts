<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>LiveSnapshot</name>
    <message>
        <location filename="../core/studio/livesnapshot.cpp" line="+24"/>
        <source>Invalid JSON in the live stream: %1</source>
        <translation>Ungültiges JSON im Live-Datenstrom: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The live stream sent something other than an object</source>
        <translation>Der Live-Datenstrom hat etwas anderes als ein Objekt gesendet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown message type &quot;%1&quot; in the live stream</source>
        <translation>Unbekannter Nachrichtentyp „%1“ im Live-Datenstrom</translation>
    </message>
</context>
<context>
    <name>OptionsDocument</name>
    <message>
        <location filename="../core/studio/jstokenizer.cpp" line="+128"/>
        <source>unterminated comment</source>
        <translation>nicht abgeschlossener Kommentar</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>unterminated string</source>
        <translation>nicht abgeschlossene Zeichenkette</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>unterminated regular expression</source>
        <translation>nicht abgeschlossener regulärer Ausdruck</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+36"/>
        <source>unterminated template literal</source>
        <translation>nicht abgeschlossenes Template-Literal</translation>
    </message>
    <message>
        <location filename="../core/studio/optionsdocument.cpp" line="+150"/>
        <source>the options object is not closed</source>
        <translation>das Optionsobjekt ist nicht geschlossen</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+149"/>
        <source>expected &apos;,&apos; or &apos;}&apos; but found &apos;%1&apos;</source>
        <translation>&apos;,&apos; oder &apos;}&apos; erwartet, aber &apos;%1&apos; gefunden</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>a value is missing</source>
        <translation>ein Wert fehlt</translation>
    </message>
    <message>
        <location line="+79"/>
        <location line="+35"/>
        <location line="+24"/>
        <source>&apos;{&apos; is not closed</source>
        <translation>&apos;{&apos; ist nicht geschlossen</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>unexpected &apos;%1&apos; in the options object</source>
        <translation>unerwartetes &apos;%1&apos; im Optionsobjekt</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+25"/>
        <source>&apos;[&apos; is not closed</source>
        <translation>&apos;[&apos; ist nicht geschlossen</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>holes in arrays are not supported here</source>
        <translation>Lücken in Arrays werden hier nicht unterstützt</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>expected &apos;,&apos; or &apos;]&apos; but found &apos;%1&apos;</source>
        <translation>&apos;,&apos; oder &apos;]&apos; erwartet, aber &apos;%1&apos; gefunden</translation>
    </message>
    <message>
        <location line="+185"/>
        <source>unmatched &apos;%1&apos;</source>
        <translation>&apos;%1&apos; ohne Gegenstück</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;%1&apos; is not closed (found &apos;%2&apos; at line %3, column %4)</source>
        <translation>&apos;%1&apos; ist nicht geschlossen (&apos;%2&apos; gefunden in Zeile %3, Spalte %4)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>cannot read the options</source>
        <translation>die Optionen können nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&apos;%1&apos; is not closed</source>
        <translation>&apos;%1&apos; ist nicht geschlossen</translation>
    </message>
</context>
<context>
    <name>RecoveryStore</name>
    <message>
        <location filename="../core/studio/recovery.cpp" line="+35"/>
        <source>Cannot create the recovery directory %1</source>
        <translation>Das Wiederherstellungsverzeichnis %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot write the recovery file %1: %2</source>
        <translation>Die Wiederherstellungsdatei %1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>StageProfile</name>
    <message>
        <location filename="../core/studio/stageprofile.cpp" line="+36"/>
        <source>Stage %1: the duration is not a duration such as 30s</source>
        <translation>Stufe %1: Die Dauer ist keine Zeitangabe wie 30s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stage %1: the target is not a number of VUs</source>
        <translation>Stufe %1: Das Ziel ist keine Anzahl von VUs</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/studio/main.cpp" line="+25"/>
        <source>Edit and run k6 load-test scripts.</source>
        <translation>k6-Lasttest-Skripte bearbeiten und ausführen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use &lt;path&gt; as the stampede engine.</source>
        <translation>&lt;pfad&gt; als stampede-Engine verwenden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>path</source>
        <translation>pfad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The scripts to open.</source>
        <translation>Die zu öffnenden Skripte.</translation>
    </message>
</context>
<context>
    <name>stampede::studio::BodyBuffer</name>
    <message>
        <location filename="../core/studio/bodybuffer.cpp" line="+24"/>
        <source>%1: cannot read the body: %2</source>
        <translation>%1: Der Body kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: cannot map the body: %2</source>
        <translation>%1: Der Body kann nicht in den Speicher eingeblendet werden: %2</translation>
    </message>
</context>
<context>
    <name>stampede::studio::DebugRunController</name>
    <message>
        <location filename="../core/studio/debugruncontroller.cpp" line="+33"/>
        <source>Cannot create a directory for the debug run: %1</source>
        <translation>Für den Debug-Lauf kann kein Verzeichnis angelegt werden: %1</translation>
    </message>
</context>
<context>
    <name>stampede::studio::DebugSession</name>
    <message>
        <location filename="../core/studio/debugsession.cpp" line="+146"/>
        <source>%1: cannot read the debug stream: %2</source>
        <translation>%1: Der Debug-Datenstrom kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>debug stream line %1: %2</source>
        <extracomment>%1 is the line number in the engine&apos;s debug stream, %2 the JSON parser&apos;s message.</extracomment>
        <translation>Debug-Datenstrom, Zeile %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
</context>
<context>
    <name>stampede::studio::Document</name>
    <message>
        <location filename="../core/studio/document.cpp" line="+27"/>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Cannot open a file without a name.</source>
        <translation>Eine Datei ohne Namen kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot open &quot;%1&quot;: the file does not exist.</source>
        <translation>„%1“ kann nicht geöffnet werden: Die Datei existiert nicht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot open &quot;%1&quot;: it is a directory.</source>
        <translation>„%1“ kann nicht geöffnet werden: Es ist ein Verzeichnis.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot open &quot;%1&quot;: the file is too large (%2 MiB; the limit is %3 MiB).</source>
        <translation>„%1“ kann nicht geöffnet werden: Die Datei ist zu groß (%2 MiB; die Grenze liegt bei %3 MiB).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot open &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot read &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot open &quot;%1&quot;: the file is too large (the limit is %2 MiB).</source>
        <translation>„%1“ kann nicht geöffnet werden: Die Datei ist zu groß (die Grenze liegt bei %2 MiB).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot open &quot;%1&quot;: the file is not valid UTF-8 text.</source>
        <translation>„%1“ kann nicht geöffnet werden: Die Datei ist kein gültiger UTF-8-Text.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot open &quot;%1&quot;: the file looks binary (it contains NUL bytes).</source>
        <translation>„%1“ kann nicht geöffnet werden: Die Datei scheint binär zu sein (sie enthält NUL-Bytes).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The document has no file name yet: use Save As.</source>
        <translation>Das Dokument hat noch keinen Dateinamen: Verwenden Sie „Speichern unter“.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot save without a file name.</source>
        <translation>Ohne Dateinamen kann nicht gespeichert werden.</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+4"/>
        <location line="+5"/>
        <source>Cannot save &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>stampede::studio::Examples</name>
    <message>
        <location filename="../core/studio/examples.cpp" line="+24"/>
        <source>The example %1 is missing: %2</source>
        <translation>Das Beispiel %1 fehlt: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>stampede::studio::ExitCode</name>
    <message>
        <location filename="../core/studio/exitcodes.cpp" line="+18"/>
        <source>Test finished successfully</source>
        <translation>Test erfolgreich abgeschlossen</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+7"/>
        <source>Error: bad command-line flag, missing file or other failure</source>
        <translation>Fehler: ungültige Befehlszeilenoption, fehlende Datei oder anderer Fehler</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Thresholds failed</source>
        <translation>Schwellenwerte nicht erfüllt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>setup() timed out</source>
        <translation>Zeitüberschreitung in setup()</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>teardown() timed out</source>
        <translation>Zeitüberschreitung in teardown()</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test timed out</source>
        <translation>Zeitüberschreitung des Tests</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped through the REST API</source>
        <translation>Über die REST-API gestoppt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Invalid configuration</source>
        <translation>Ungültige Konfiguration</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interrupted by a signal</source>
        <translation>Durch ein Signal unterbrochen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not start the REST API</source>
        <translation>Die REST-API konnte nicht gestartet werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The script threw an exception</source>
        <translation>Das Skript hat eine Ausnahme ausgelöst</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The script called test.abort()</source>
        <translation>Das Skript hat test.abort() aufgerufen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The test was marked as failed</source>
        <translation>Der Test wurde als fehlgeschlagen markiert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown error</source>
        <translation>Unbekannter Fehler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (exit code %2)</source>
        <translation>%1 (Exit-Code %2)</translation>
    </message>
</context>
<context>
    <name>stampede::studio::LiveReceiver</name>
    <message>
        <location filename="../core/studio/livereceiver.cpp" line="+30"/>
        <source>Cannot create a directory for the live stream socket: %1</source>
        <translation>Für den Socket des Live-Datenstroms kann kein Verzeichnis angelegt werden: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot listen on %1: %2</source>
        <translation>Auf %1 kann nicht gelauscht werden: %2</translation>
    </message>
</context>
<context>
    <name>stampede::studio::LiveRunModel</name>
    <message>
        <location filename="../core/studio/liverunmodel.cpp" line="+61"/>
        <source>A line of the live stream was too long and was dropped</source>
        <translation>Eine Zeile des Live-Datenstroms war zu lang und wurde verworfen</translation>
    </message>
</context>
<context>
    <name>stampede::studio::RestControlClient</name>
    <message>
        <location filename="../core/studio/restcontrolclient.cpp" line="+91"/>
        <source>Reading the run status</source>
        <translation>Lesen des Laufstatus</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pausing the run</source>
        <translation>Pausieren des Laufs</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resuming the run</source>
        <translation>Fortsetzen des Laufs</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Setting the VUs to %1</source>
        <translation>Setzen der VUs auf %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 failed: no run is being controlled</source>
        <translation>%1 fehlgeschlagen: Es wird kein Lauf gesteuert</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 failed: the engine&apos;s answer is not a status document</source>
        <translation>%1 fehlgeschlagen: Die Antwort der Engine ist kein Statusdokument</translation>
    </message>
</context>
<context>
    <name>stampede::studio::RunController</name>
    <message>
        <location filename="../core/studio/runcontroller.cpp" line="+74"/>
        <source>No script to run: save the script to a file first.</source>
        <translation>Kein Skript zum Ausführen: Speichern Sie das Skript zuerst in einer Datei.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>the file does not exist</source>
        <translation>die Datei existiert nicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the file is not an executable program</source>
        <translation>die Datei ist kein ausführbares Programm</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Stopped by the user: %1</source>
        <translation>Vom Benutzer gestoppt: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Killed: the engine did not stop within %n second(s) of the stop request</source>
        <translation>
            <numerusform>Zwangsweise beendet: Die Engine hat nicht innerhalb von %n Sekunde nach der Stopp-Anforderung angehalten</numerusform>
            <numerusform>Zwangsweise beendet: Die Engine hat nicht innerhalb von %n Sekunden nach der Stopp-Anforderung angehalten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped by the user</source>
        <translation>Vom Benutzer gestoppt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The engine crashed</source>
        <translation>Die Engine ist abgestürzt</translation>
    </message>
    <message>
        <location line="-106"/>
        <location line="+117"/>
        <source>Could not start the engine &quot;%1&quot;: %2</source>
        <translation>Die Engine „%1“ konnte nicht gestartet werden: %2</translation>
    </message>
</context>
<context>
    <name>stampede::studio::ScriptChecker</name>
    <message>
        <location filename="../core/studio/scriptchecker.cpp" line="+75"/>
        <source>Cannot check the script: cannot write a temporary copy (%1)</source>
        <translation>Das Skript kann nicht geprüft werden: Eine temporäre Kopie kann nicht geschrieben werden (%1)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Cannot check the script: the engine &quot;%1&quot; could not be started (%2)</source>
        <translation>Das Skript kann nicht geprüft werden: Die Engine „%1“ konnte nicht gestartet werden (%2)</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>The check was stopped after %n second(s): the script&apos;s init code did not finish (an endless loop at the top level?)</source>
        <translation>
            <numerusform>Die Prüfung wurde nach %n Sekunde abgebrochen: Der Init-Code des Skripts wurde nicht fertig (eine Endlosschleife auf oberster Ebene?)</numerusform>
            <numerusform>Die Prüfung wurde nach %n Sekunden abgebrochen: Der Init-Code des Skripts wurde nicht fertig (eine Endlosschleife auf oberster Ebene?)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The check failed: the engine crashed while loading the script</source>
        <translation>Die Prüfung ist fehlgeschlagen: Die Engine ist beim Laden des Skripts abgestürzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The check failed: the engine gave no answer (exit code %1) %2</source>
        <translation>Die Prüfung ist fehlgeschlagen: Die Engine hat keine Antwort gegeben (Exit-Code %1) %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No problems found</source>
        <translation>Keine Probleme gefunden</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n problem(s) found</source>
        <translation>
            <numerusform>%n Problem gefunden</numerusform>
            <numerusform>%n Probleme gefunden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stampede::studio::TestServerController</name>
    <message numerus="yes">
        <location filename="../core/studio/testservercontroller.cpp" line="+23"/>
        <source>The test server did not report its address within %n second(s)</source>
        <translation>
            <numerusform>Der Testserver hat seine Adresse nicht innerhalb von %n Sekunde gemeldet</numerusform>
            <numerusform>Der Testserver hat seine Adresse nicht innerhalb von %n Sekunden gemeldet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cannot start the test server: &quot;%1&quot; %2</source>
        <translation>Der Testserver kann nicht gestartet werden: „%1“ %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is not an executable program</source>
        <translation>ist kein ausführbares Programm</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>does not exist</source>
        <translation>existiert nicht</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cannot start the test server &quot;%1&quot;: %2</source>
        <translation>Der Testserver „%1“ kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The test server printed no address</source>
        <translation>Der Testserver hat keine Adresse ausgegeben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The test server reported an invalid address: %1</source>
        <translation>Der Testserver hat eine ungültige Adresse gemeldet: %1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The test server exited with code %1 before it was ready</source>
        <translation>Der Testserver wurde mit Code %1 beendet, bevor er bereit war</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The test server crashed before it was ready</source>
        <translation>Der Testserver ist abgestürzt, bevor er bereit war</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The test server exited with code %1</source>
        <translation>Der Testserver wurde mit Code %1 beendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The test server crashed</source>
        <translation>Der Testserver ist abgestürzt</translation>
    </message>
</context>
<context>
    <name>stampede::ui::BodyView</name>
    <message>
        <location filename="../ui/debug/bodyview.cpp" line="+50"/>
        <source>Auto</source>
        <extracomment>How a body is shown: chosen from its content.</extracomment>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pretty</source>
        <extracomment>Pretty-printed JSON or HTML.</extracomment>
        <translation>Formatiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raw</source>
        <translation>Roh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Not kept: the script asked for no body (responseType: &apos;none&apos; or discardResponseBodies)</source>
        <translation>Nicht aufbewahrt: Das Skript hat keinen Body angefordert (responseType: &apos;none&apos; oder discardResponseBodies)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No body</source>
        <translation>Kein Body</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>truncated: the first %1 are shown</source>
        <extracomment>%1 is how much of the body was kept, e.g. &quot;64.0 MiB&quot;.</extracomment>
        <translation>gekürzt: die ersten %1 werden angezeigt</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>too large to pretty-print</source>
        <translation>zu groß zum Formatieren</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>hex</source>
        <extracomment>How the body is shown, after its size in the body view&apos;s info line.</extracomment>
        <translation>hex</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>pretty-printed</source>
        <translation>formatiert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>text</source>
        <translation>Text</translation>
    </message>
</context>
<context>
    <name>stampede::ui::CompareView</name>
    <message>
        <location filename="../ui/history/compareview.cpp" line="+62"/>
        <source>Select two runs of a test in the history (or one run and its baseline) to compare them.</source>
        <translation>Wählen Sie im Verlauf zwei Läufe eines Tests (oder einen Lauf und seine Referenz) aus, um sie zu vergleichen.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Requests per second</source>
        <translation>Anfragen pro Sekunde</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>req/s</source>
        <translation>Anfr./s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p95 response time</source>
        <translation>p95-Antwortzeit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error rate</source>
        <translation>Fehlerquote</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Virtual users</source>
        <translation>Virtuelle Benutzer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>VUs</source>
        <translation>VUs</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>elapsed</source>
        <translation>vergangen</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>base</source>
        <translation>Basis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>candidate</source>
        <translation>Kandidat</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>#%1 of %2 (%3)</source>
        <translation>#%1 vom %2 (%3)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: base run %2 against run %3</source>
        <translation>%1: Basislauf %2 gegen Lauf %3</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n Anfrage</numerusform>
            <numerusform>%n Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regression beyond the tolerance of %1 %: %2</source>
        <translation>Verschlechterung über die Toleranz von %1 % hinaus: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No regression beyond the tolerance of %1 %.</source>
        <translation>Keine Verschlechterung über die Toleranz von %1 % hinaus.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Too few requests for a statistical judgement of the latency.</source>
        <translation>Zu wenige Anfragen für eine statistische Beurteilung der Antwortzeit.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>candidate #%1</source>
        <translation>Kandidat #%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>base #%1</source>
        <translation>Basis #%1</translation>
    </message>
</context>
<context>
    <name>stampede::ui::DebugPanel</name>
    <message>
        <location filename="../ui/debug/debugpanel.cpp" line="+52"/>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warn</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+15"/>
        <source>Name</source>
        <extracomment>Column of a header table.</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+15"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Domain</source>
        <translation>Domain</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Flags</source>
        <translation>Flags</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+7"/>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cookies</source>
        <translation>Cookies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timings</source>
        <translation>Zeitablauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+201"/>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <location line="-199"/>
        <source>Level</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Debugging: one VU, one iteration…</source>
        <translation>Debuggen: eine VU, eine Iteration …</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n Anfrage</numerusform>
            <numerusform>%n Anfragen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n check(s)</source>
        <translation>
            <numerusform>%n Prüfung</numerusform>
            <numerusform>%n Prüfungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n console line(s)</source>
        <translation>
            <numerusform>%n Konsolenzeile</numerusform>
            <numerusform>%n Konsolenzeilen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+59"/>
        <source>No response: %1</source>
        <translation>Keine Antwort: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Sent (%1)</source>
        <extracomment>%1 is the number of cookies.</extracomment>
        <translation>Gesendet (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Received (%1)</source>
        <extracomment>%1 is the number of cookies (Set-Cookie headers of the response).</extracomment>
        <translation>Empfangen (%1)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>✓ passed</source>
        <extracomment>Result column of a check: passed (✓) or failed (✗).</extracomment>
        <translation>✓ bestanden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✗ failed</source>
        <translation>✗ fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Checks (%1/%2)</source>
        <translation>Prüfungen (%1/%2)</translation>
    </message>
</context>
<context>
    <name>stampede::ui::DebugRequestModel</name>
    <message>
        <location filename="../ui/debug/debugrequestmodel.cpp" line="+54"/>
        <source>%1 ms</source>
        <extracomment>A duration in milliseconds in the debug request list.</extracomment>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>failed (%1)</source>
        <extracomment>Status column of a request that got no response.</extracomment>
        <translation>fehlgeschlagen (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Made at %1 (double-click to go there)</source>
        <extracomment>Tooltip of a debug request: where the script made it.</extracomment>
        <translation>Erzeugt in %1 (Doppelklick springt dorthin)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stage</source>
        <extracomment>Column: setup, default (the iteration) or teardown.</extracomment>
        <translation>Phase</translation>
    </message>
</context>
<context>
    <name>stampede::ui::DeltaTableModel</name>
    <message>
        <location filename="../ui/models/deltatablemodel.cpp" line="+81"/>
        <source>%1 %2 % [95 % CI %3 %..%4 %], %5</source>
        <extracomment>A bootstrap judgement of a latency change: statistic, relative change, its 95 % confidence interval, verdict.</extracomment>
        <translation>%1 %2 % [95-%-KI %3 %..%4 %], %5</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>significant</source>
        <translation>signifikant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not significant</source>
        <translation>nicht signifikant</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>avg</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>error rate</source>
        <translation>Fehlerquote</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>requests/s</source>
        <translation>Anfragen/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+40"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>All requests</source>
        <translation>Alle Anfragen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>+%1 pp</source>
        <translation>+%1 Pp.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>too few requests to compare</source>
        <translation>zu wenige Anfragen für einen Vergleich</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>regression</source>
        <translation>Verschlechterung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>improvement</source>
        <translation>Verbesserung</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Regression: worse than the base run beyond the tolerance</source>
        <translation>Verschlechterung: schlechter als der Basislauf, über die Toleranz hinaus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Improvement: better than the base run beyond the tolerance</source>
        <translation>Verbesserung: besser als der Basislauf, über die Toleranz hinaus</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Base</source>
        <translation>Basis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Candidate</source>
        <translation>Kandidat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Judgement</source>
        <translation>Beurteilung</translation>
    </message>
</context>
<context>
    <name>stampede::ui::DialogHistoryPrompts</name>
    <message>
        <location filename="../ui/history/historyprompts.cpp" line="+12"/>
        <source>Delete Runs</source>
        <translation>Läufe löschen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n run(s) from the history for good?</source>
        <translation>
            <numerusform>%n Lauf endgültig aus dem Verlauf löschen?</numerusform>
            <numerusform>%n Läufe endgültig aus dem Verlauf löschen?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export Run</source>
        <translation>Lauf exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTML report (*.html);;JSON (*.json);;CSV (*.csv)</source>
        <translation>HTML-Bericht (*.html);;JSON (*.json);;CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>stampede::ui::EndpointTableModel</name>
    <message>
        <location filename="../ui/run/endpointtablemodel.cpp" line="+51"/>
        <location line="+1"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate/s</source>
        <translation>Rate/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Avg</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p95</source>
        <translation>p95</translation>
    </message>
</context>
<context>
    <name>stampede::ui::FindBar</name>
    <message>
        <location filename="../ui/editor/findbar.cpp" line="+24"/>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Replace with (\1 inserts a group)</source>
        <translation>Ersetzen durch (\1 fügt eine Gruppe ein)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regular e&amp;xpression</source>
        <translation>Regulärer &amp;Ausdruck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Match &amp;case</source>
        <translation>&amp;Groß-/Kleinschreibung beachten</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Find the next match (F3)</source>
        <translation>Nächsten Treffer suchen (F3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Find the previous match (Shift+F3)</source>
        <translation>Vorherigen Treffer suchen (Umschalt+F3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replace the current match and find the next</source>
        <translation>Aktuellen Treffer ersetzen und den nächsten suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace All</source>
        <translation>Alle ersetzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replace every match in the document</source>
        <translation>Jeden Treffer im Dokument ersetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the find bar (Esc)</source>
        <translation>Suchleiste schließen (Esc)</translation>
    </message>
    <message>
        <location line="+70"/>
        <location line="+65"/>
        <source>Invalid regular expression</source>
        <translation>Ungültiger regulärer Ausdruck</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message numerus="yes">
        <location line="+59"/>
        <source>%n replacement(s)</source>
        <translation>
            <numerusform>%n Ersetzung</numerusform>
            <numerusform>%n Ersetzungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stampede::ui::HarImportDialog</name>
    <message>
        <location filename="../ui/harimport/harimportdialog.cpp" line="+102"/>
        <location line="+250"/>
        <source>Import HAR Recording</source>
        <translation>HAR-Aufzeichnung importieren</translation>
    </message>
    <message>
        <location line="-223"/>
        <source>Recording:</source>
        <translation>Aufzeichnung:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a HAR file exported from the browser&apos;s developer tools</source>
        <translation>Eine aus den Entwicklerwerkzeugen des Browsers exportierte HAR-Datei wählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the first page&apos;s host; *.example.com for subdomains</source>
        <translation>Host der ersten Seite; *.example.com für Subdomains</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only requests to these hosts are kept (comma-separated)</source>
        <translation>Nur Anfragen an diese Hosts werden übernommen (durch Kommas getrennt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allowed &amp;hosts:</source>
        <translation>Erlaubte &amp;Hosts:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. */analytics/*, /\.map$/</source>
        <translation>z. B. */analytics/*, /\.map$/</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests whose URL matches one of these patterns are left out: globs with * and ?, or /regular expressions/ (comma-separated)</source>
        <translation>Anfragen, deren URL zu einem dieser Muster passt, werden ausgelassen: Platzhalter mit * und ? oder /reguläre Ausdrücke/ (durch Kommas getrennt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Block URLs:</source>
        <translation>URLs &amp;sperren:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Include &amp;static assets</source>
        <translation>&amp;Statische Ressourcen einbeziehen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Include &amp;third-party</source>
        <translation>&amp;Drittanbieter einbeziehen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Include &amp;cached</source>
        <translation>&amp;Zwischengespeicherte einbeziehen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Include &amp;failed</source>
        <translation>&amp;Fehlgeschlagene einbeziehen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show &amp;left-out requests</source>
        <translation>&amp;Ausgelassene Anfragen anzeigen</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>&amp;Requests</source>
        <translation>&amp;Anfragen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Values a response returned and later requests sent back. Tick a proposal to extract the value at run time and send it instead of the recorded one; accepted proposals are saved as correlation rules.</source>
        <translation>Werte, die eine Antwort lieferte und spätere Anfragen zurückschickten. Haken Sie einen Vorschlag an, damit der Wert zur Laufzeit extrahiert und statt des aufgezeichneten gesendet wird; angenommene Vorschläge werden als Korrelationsregeln gespeichert.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Found in</source>
        <translation>Gefunden in</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Used by</source>
        <translation>Verwendet von</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Evidence</source>
        <translation>Beleg</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+389"/>
        <source>&amp;Correlation</source>
        <translation>&amp;Korrelation</translation>
    </message>
    <message>
        <location line="-385"/>
        <source>Correlation, parameter, verification and custom code rules as JSON (the format of the .rules.json file saved beside the HAR). Changes apply as you type.</source>
        <translation>Korrelations-, Parameter-, Prüf- und Code-Regeln als JSON (das Format der .rules.json-Datei, die neben der HAR-Datei gespeichert wird). Änderungen gelten sofort beim Tippen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>R&amp;ules</source>
        <translation>Re&amp;geln</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Script preview</source>
        <translation>Skriptvorschau</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Think time</source>
        <translation>&amp;Denkzeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pause between requests as the recording did (between 0.5 and 10 seconds)</source>
        <translation>Zwischen den Anfragen pausieren wie in der Aufzeichnung (zwischen 0,5 und 10 Sekunden)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status &amp;checks</source>
        <translation>Status&amp;prüfungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check that every response has the recorded status</source>
        <translation>Prüfen, ob jede Antwort den aufgezeichneten Status hat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;VUs:</source>
        <translation>&amp;VUs:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>default ramp</source>
        <extracomment>VUs spin box at 0: the generated script ramps up and down on its own</extracomment>
        <translation>Standard-Rampe</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Duration:</source>
        <translation>D&amp;auer:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. 1m30s</source>
        <translation>z. B. 1m30s</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Create and &amp;Validate</source>
        <translation>Erstellen und &amp;validieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the script and run one iteration with one VU</source>
        <translation>Das Skript erstellen und eine Iteration mit einer VU ausführen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;reate Script</source>
        <translation>Skript e&amp;rstellen</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>HAR recordings (*.har *.json);;All files (*)</source>
        <translation>HAR-Aufzeichnungen (*.har *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Cannot read the recording: %1</source>
        <translation>Die Aufzeichnung kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The rules file beside the recording is not valid and is ignored: %1</source>
        <translation>Die Regeldatei neben der Aufzeichnung ist ungültig und wird ignoriert: %1</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>not valid JSON: %1</source>
        <extracomment>%1 is the JSON parser&apos;s message</extracomment>
        <translation>kein gültiges JSON: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The rules are valid and applied.</source>
        <translation>Die Regeln sind gültig und werden angewendet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not applied: %1</source>
        <translation>Nicht angewendet: %1</translation>
    </message>
    <message>
        <location line="+60"/>
        <location line="+122"/>
        <source>The script cannot be generated: %1</source>
        <translation>Das Skript kann nicht erzeugt werden: %1</translation>
    </message>
    <message numerus="yes">
        <location line="-109"/>
        <source>%1 of %n request(s) kept; %2 rule(s) and %3 accepted proposal(s) applied</source>
        <translation>
            <numerusform>%1 von %n Anfrage übernommen; %2 Regeln und %3 angenommene Vorschläge angewendet</numerusform>
            <numerusform>%1 von %n Anfragen übernommen; %2 Regeln und %3 angenommene Vorschläge angewendet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>#%1 %2</source>
        <extracomment>Where a proposed value was found: %1 entry number, %2 kind of place (&quot;json&quot;, &quot;Location header&quot;)</extracomment>
        <translation>#%1 %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n Anfrage</numerusform>
            <numerusform>%n Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Recorded value: %1</source>
        <translation>Aufgezeichneter Wert: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Correlation (%1)</source>
        <translation>&amp;Korrelation (%1)</translation>
    </message>
    <message>
        <location line="+66"/>
        <location line="+11"/>
        <source>Cannot Create Script</source>
        <translation>Skript kann nicht erstellt werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot Save Rules</source>
        <translation>Regeln können nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Created %1; the rules are saved in %2.</source>
        <translation>%1 erstellt; die Regeln sind in %2 gespeichert.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A test is running; validate when it has finished.</source>
        <translation>Ein Test läuft; validieren Sie, wenn er beendet ist.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Validating: one VU runs one iteration of %1…</source>
        <translation>Validierung: eine VU führt eine Iteration von %1 aus…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Validation: %1</source>
        <translation>Validierung: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n check(s) passed</source>
        <translation>
            <numerusform>%n Prüfung bestanden</numerusform>
            <numerusform>%n Prüfungen bestanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no checks ran</source>
        <translation>keine Prüfungen ausgeführt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>See the output pane for the details.</source>
        <translation>Einzelheiten stehen im Ausgabebereich.</translation>
    </message>
</context>
<context>
    <name>stampede::ui::HarRequestModel</name>
    <message>
        <location filename="../ui/harimport/harrequestmodel.cpp" line="+97"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Left out: %1</source>
        <translation>Ausgelassen: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Correlation rule &lt;b&gt;%1&lt;/b&gt;: the value is extracted from this response</source>
        <translation>Korrelationsregel &lt;b&gt;%1&lt;/b&gt;: Der Wert wird aus dieser Antwort extrahiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correlation rule &lt;b&gt;%1&lt;/b&gt;: this request sends the extracted value</source>
        <translation>Korrelationsregel &lt;b&gt;%1&lt;/b&gt;: Diese Anfrage sendet den extrahierten Wert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parameter rule &lt;b&gt;%1&lt;/b&gt;: replaces a recorded value in this request</source>
        <translation>Parameterregel &lt;b&gt;%1&lt;/b&gt;: Ersetzt einen aufgezeichneten Wert in dieser Anfrage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verification rule &lt;b&gt;%1&lt;/b&gt;: checks this response</source>
        <translation>Prüfregel &lt;b&gt;%1&lt;/b&gt;: Prüft diese Antwort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Custom code rule &lt;b&gt;%1&lt;/b&gt;: runs with this request</source>
        <translation>Code-Regel &lt;b&gt;%1&lt;/b&gt;: Läuft mit dieser Anfrage</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>%1 ms</source>
        <extracomment>Request duration in milliseconds</extracomment>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>stampede::ui::HistoryView</name>
    <message>
        <location filename="../ui/history/historyview.cpp" line="+61"/>
        <source>Any verdict</source>
        <translation>Jedes Ergebnis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Test:</source>
        <translation>Test:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verdict:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+248"/>
        <source>Star as Baseline</source>
        <translation>Als Referenz markieren</translation>
    </message>
    <message>
        <location line="-247"/>
        <source>Make the selected run the baseline its test is compared with</source>
        <translation>Den ausgewählten Lauf zur Referenz machen, mit der sein Test verglichen wird</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare two selected runs (the older one is the base)</source>
        <translation>Zwei ausgewählte Läufe vergleichen (der ältere ist die Basis)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare with Baseline</source>
        <translation>Mit Referenz vergleichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare the selected run with the baseline of its test</source>
        <translation>Den ausgewählten Lauf mit der Referenz seines Tests vergleichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run Again</source>
        <translation>Erneut ausführen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the recorded script again with the recorded options</source>
        <translation>Das aufgezeichnete Skript mit den aufgezeichneten Optionen erneut ausführen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export the selected run as HTML, JSON or CSV</source>
        <translation>Den ausgewählten Lauf als HTML, JSON oder CSV exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the selected runs from the history</source>
        <translation>Die ausgewählten Läufe aus dem Verlauf löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reload the history</source>
        <translation>Den Verlauf neu laden</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>The history is not available: %1</source>
        <translation>Der Verlauf ist nicht verfügbar: %1</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>All tests</source>
        <translation>Alle Tests</translation>
    </message>
    <message numerus="yes">
        <location line="+28"/>
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n Lauf</numerusform>
            <numerusform>%n Läufe</numerusform>
        </translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Remove Baseline Star</source>
        <translation>Referenzmarkierung entfernen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot Change the Baseline</source>
        <translation>Referenz kann nicht geändert werden</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>#%1 %2 (%3)</source>
        <translation>#%1 %2 (%3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot Delete the Run</source>
        <translation>Lauf kann nicht gelöscht werden</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+14"/>
        <source>Cannot Export the Run</source>
        <translation>Lauf kann nicht exportiert werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+10"/>
        <source>Cannot Run Again</source>
        <translation>Erneutes Ausführen nicht möglich</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The script has changed since run #%1; running the recorded snapshot instead.</source>
        <translation>Das Skript wurde seit Lauf #%1 geändert; stattdessen wird der aufgezeichnete Stand ausgeführt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The script is no longer at %1; running the recorded snapshot instead.</source>
        <translation>Das Skript liegt nicht mehr unter %1; stattdessen wird der aufgezeichnete Stand ausgeführt.</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+17"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>Cannot Compare</source>
        <translation>Vergleich nicht möglich</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Runs of different tests cannot be compared: %1 and %2.</source>
        <translation>Läufe verschiedener Tests können nicht verglichen werden: %1 und %2.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 has no baseline yet: star one of its runs as the baseline first.</source>
        <translation>%1 hat noch keine Referenz: Markieren Sie zuerst einen seiner Läufe als Referenz.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run #%1 is itself the baseline of %2.</source>
        <translation>Lauf #%1 ist selbst die Referenz von %2.</translation>
    </message>
</context>
<context>
    <name>stampede::ui::LivePanel</name>
    <message>
        <location filename="../ui/run/livepanel.cpp" line="+97"/>
        <source>No run yet. Run a script to see live results here.</source>
        <translation>Noch kein Lauf. Führen Sie ein Skript aus, um hier Live-Ergebnisse zu sehen.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Virtual users</source>
        <translation>Virtuelle Benutzer</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>VUs</source>
        <translation>VUs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests per second</source>
        <translation>Anfragen pro Sekunde</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>req/s</source>
        <translation>Anfr./s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Response time</source>
        <translation>Antwortzeit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p90</source>
        <translation>p90</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max</source>
        <translation>Max</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error rate</source>
        <translation>Fehlerquote</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed requests</source>
        <translation>fehlgeschlagene Anfragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data per second</source>
        <translation>Daten pro Sekunde</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>kB/s</source>
        <translation>kB/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>received</source>
        <translation>empfangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scenarios</source>
        <translation>Szenarien</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>iterations/s</source>
        <translation>Iterationen/s</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>p95 ms (dashed)</source>
        <extracomment>Title of the right axis of the scenarios chart: each scenario&apos;s p95 iteration duration.</extracomment>
        <translation>p95 ms (gestrichelt)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Passes</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fails</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The end-of-test summary appears here when the run is over.</source>
        <translation>Die Zusammenfassung erscheint hier, sobald der Lauf beendet ist.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thresholds</source>
        <translation>Schwellenwerte</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The run ended without live data.</source>
        <translation>Der Lauf endete ohne Live-Daten.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Finished after %1:%2</source>
        <translation>Beendet nach %1:%2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Running for %1:%2</source>
        <translation>Läuft seit %1:%2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paused at %1:%2</source>
        <translation>Pausiert bei %1:%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 VUs</source>
        <translation>%1 von %2 VUs</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n Anfrage</numerusform>
            <numerusform>%n Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n iteration(s)</source>
        <translation>
            <numerusform>%n Iteration</numerusform>
            <numerusform>%n Iterationen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 rate</source>
        <translation>%1 Rate</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 p95</source>
        <extracomment>Legend entry of a scenario&apos;s p95 iteration duration line, drawn dashed against the right axis (ms).</extracomment>
        <translation>%1 p95</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>This threshold failed: the run will exit with code 99.</source>
        <translation>Dieser Schwellenwert ist verletzt: Der Lauf endet mit Code 99.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This threshold holds so far.</source>
        <translation>Dieser Schwellenwert ist bisher eingehalten.</translation>
    </message>
</context>
<context>
    <name>stampede::ui::LocalRunSupport</name>
    <message>
        <location filename="../ui/mainwindow/localrunsupport.cpp" line="+31"/>
        <source>Test server running at %1; runs get it as BASE_URL</source>
        <translation>Testserver läuft unter %1; Läufe erhalten diese Adresse als BASE_URL</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Test server stopped</source>
        <translation>Testserver gestoppt</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Start &amp;Test Server</source>
        <translation>&amp;Testserver starten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start the local test server the examples run against; its URL is passed to runs as BASE_URL</source>
        <translation>Den lokalen Testserver starten, gegen den die Beispiele laufen; seine URL wird Läufen als BASE_URL übergeben</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Stop &amp;Test Server</source>
        <translation>&amp;Testserver stoppen</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Test server: starting…</source>
        <extracomment>Status bar: the local test server is starting.</extracomment>
        <translation>Testserver: wird gestartet …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stop the local test server</source>
        <translation>Den lokalen Testserver stoppen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test server: %1</source>
        <extracomment>Status bar: %1 is the local test server&apos;s URL.</extracomment>
        <translation>Testserver: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>not available: the run has its own --address</source>
        <translation>nicht verfügbar: Der Lauf hat eine eigene --address</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not available: no free port on 127.0.0.1</source>
        <translation>nicht verfügbar: kein freier Port auf 127.0.0.1</translation>
    </message>
</context>
<context>
    <name>stampede::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="+151"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Running %1…</source>
        <translation>%1 wird ausgeführt …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Threshold failed: %1 %2</source>
        <translation>Schwellenwert verletzt: %1 %2</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Live Run</source>
        <translation>Live-Lauf</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location line="+177"/>
        <source>%1 ●</source>
        <extracomment>Tab title of a document with unsaved changes; %1 is the file name.</extracomment>
        <translation>%1 ●</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open a k6 script</source>
        <translation>Ein k6-Skript öffnen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Start from the bundled hello.js example</source>
        <translation>Mit dem mitgelieferten Beispiel hello.js beginnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the script</source>
        <translation>Das Skript speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the script under a new name</source>
        <translation>Das Skript unter einem neuen Namen speichern</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+103"/>
        <source>&amp;Run</source>
        <translation>Aus&amp;führen</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Save the script and run it locally with stampede run</source>
        <translation>Das Skript speichern und lokal mit stampede run ausführen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Start a new, empty script in a new tab</source>
        <translation>Ein neues, leeres Skript in einem neuen Tab beginnen</translation>
    </message>
    <message>
        <location line="-201"/>
        <source>Run History</source>
        <translation>Laufverlauf</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Compare Runs</source>
        <translation>Läufe vergleichen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Compare with &amp;Baseline</source>
        <translation>Mit &amp;Referenz vergleichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare the run selected in the history with the baseline of its test</source>
        <translation>Den im Verlauf ausgewählten Lauf mit der Referenz seines Tests vergleichen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot Compare</source>
        <translation>Vergleich nicht möglich</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>Open &amp;Folder…</source>
        <translation>&amp;Ordner öffnen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open a folder as a project</source>
        <translation>Einen Ordner als Projekt öffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>hello.js as a &amp;New Untitled Script</source>
        <translation>hello.js als &amp;neues unbenanntes Skript</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Close Tab</source>
        <translation>Tab &amp;schließen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Stop the running test (forcefully if it does not stop within the grace period)</source>
        <translation>Den laufenden Test stoppen (erzwungen, wenn er nicht innerhalb der Karenzzeit anhält)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Debug</source>
        <translation>&amp;Debuggen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the script and run one iteration with one VU, showing every request</source>
        <translation>Das Skript speichern und eine Iteration mit einer VU ausführen, dabei jede Anfrage anzeigen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New from &amp;Template</source>
        <translation>Neu aus &amp;Vorlage</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Smoke Test</source>
        <translation>&amp;Smoke-Test</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Load Test with Stages</source>
        <translation>&amp;Lasttest mit Stufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Arrival Rate</source>
        <translation>&amp;Ankunftsrate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Thresholds</source>
        <translation>&amp;Schwellenwerte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Multiple Scenarios</source>
        <translation>&amp;Mehrere Szenarien</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Recent Projects</source>
        <translation>&amp;Zuletzt geöffnete Projekte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;Example</source>
        <translation>B&amp;eispiel öffnen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open an editable copy of the bundled example %1.js</source>
        <extracomment>Tooltip of an entry of File &gt; Open Example.</extracomment>
        <translation>Eine bearbeitbare Kopie des mitgelieferten Beispiels %1.js öffnen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import &amp;HAR…</source>
        <translation>&amp;HAR importieren…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Turn a browser recording (HAR file) into a k6 script</source>
        <translation>Eine Browser-Aufzeichnung (HAR-Datei) in ein k6-Skript umwandeln</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>R&amp;eplace…</source>
        <translation>&amp;Ersetzen …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Find &amp;Next</source>
        <translation>&amp;Weitersuchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find Pre&amp;vious</source>
        <translation>&amp;Rückwärts suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Go to Line…</source>
        <translation>&amp;Gehe zu Zeile …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toggle &amp;Comment</source>
        <translation>&amp;Kommentar umschalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Complete</source>
        <translation>Vervollständigen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Project</source>
        <translation>&amp;Projekt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Live Run</source>
        <translation>&amp;Live-Lauf</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Output Pane</source>
        <translation>&amp;Ausgabebereich</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run &amp;History</source>
        <translation>Lauf&amp;verlauf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Co&amp;mpare Runs</source>
        <translation>Läufe ver&amp;gleichen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>De&amp;bug Run</source>
        <translation>De&amp;bug-Lauf</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Options</source>
        <translation>&amp;Optionen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Probl&amp;ems</source>
        <translation>Probl&amp;eme</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Clear Output</source>
        <translation>Ausgabe &amp;leeren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Tools</source>
        <translation>&amp;Extras</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Examples</source>
        <translation>&amp;Beispiele</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;About Stampede Studio</source>
        <translation>&amp;Über Stampede Studio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No recent projects</source>
        <translation>Keine zuletzt geöffneten Projekte</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1[*] — Stampede Studio</source>
        <extracomment>Window title: %1 is the file name; [*] is where Qt shows the unsaved-changes marker.</extracomment>
        <translation>%1[*] — Stampede Studio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1[*] — %2 — Stampede Studio</source>
        <extracomment>Window title with a project: %1 is the file name, %2 the project folder&apos;s name.</extracomment>
        <translation>%1[*] — %2 — Stampede Studio</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Stopping… (the engine is killed if it does not stop within %n second(s))</source>
        <translation>
            <numerusform>Wird gestoppt … (die Engine wird beendet, wenn sie nicht innerhalb von %n Sekunde anhält)</numerusform>
            <numerusform>Wird gestoppt … (die Engine wird beendet, wenn sie nicht innerhalb von %n Sekunden anhält)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+145"/>
        <source>There is no bundled example &quot;%1&quot;.</source>
        <translation>Es gibt kein mitgeliefertes Beispiel „%1“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Run it with Ctrl+R: it runs against the test server.</source>
        <translation>Führen Sie es mit Ctrl+R aus: Es läuft gegen den Testserver.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the test server (Tools) and run it with Ctrl+R.</source>
        <translation>Starten Sie den Testserver (Extras) und führen Sie es mit Ctrl+R aus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opened your copy of the example: %1.</source>
        <extracomment>%1 is the path of the user&apos;s copy of an example.</extracomment>
        <translation>Ihre Kopie des Beispiels wurde geöffnet: %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opened a copy of the example: %1.</source>
        <translation>Eine Kopie des Beispiels wurde geöffnet: %1.</translation>
    </message>
    <message>
        <location line="+261"/>
        <source>&lt;h3&gt;Stampede Studio %1&lt;/h3&gt;&lt;p&gt;A native desktop load-testing studio that runs k6 scripts unchanged.&lt;/p&gt;&lt;p&gt;Completion: %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Stampede Studio %1&lt;/h3&gt;&lt;p&gt;Ein natives Desktop-Studio für Lasttests, das k6-Skripte unverändert ausführt.&lt;/p&gt;&lt;p&gt;Vervollständigung: %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="-384"/>
        <source>New script</source>
        <translation>Neues Skript</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot Open Template</source>
        <translation>Vorlage kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The template &quot;%1&quot; is missing.</source>
        <translation>Die Vorlage „%1“ fehlt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New script from the template &quot;%1&quot;; save it to run it</source>
        <translation>Neues Skript aus der Vorlage „%1“; speichern Sie es, um es auszuführen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cannot Open Script</source>
        <translation>Skript kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cannot Open Folder</source>
        <translation>Ordner kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; is not a folder.</source>
        <translation>„%1“ ist kein Ordner.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Project: %1</source>
        <translation>Projekt: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opened the project %1</source>
        <translation>Projekt %1 geöffnet</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+19"/>
        <source>Cannot Open Example</source>
        <translation>Beispiel kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The bundled example script is missing.</source>
        <translation>Das mitgelieferte Beispielskript fehlt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Example script loaded; save it to run it</source>
        <translation>Beispielskript geladen; speichern Sie es, um es auszuführen</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+25"/>
        <source>Cannot Save Script</source>
        <translation>Skript kann nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+29"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Recovered %n document(s); save them to keep the changes</source>
        <translation>
            <numerusform>%n Dokument wiederhergestellt; speichern Sie es, um die Änderungen zu behalten</numerusform>
            <numerusform>%n Dokumente wiederhergestellt; speichern Sie sie, um die Änderungen zu behalten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+79"/>
        <source>No live charts for this run: %1</source>
        <translation>Keine Live-Diagramme für diesen Lauf: %1</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>About Stampede Studio</source>
        <translation>Über Stampede Studio</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/debugrun.cpp" line="+24"/>
        <source>Debug Run</source>
        <translation>Debug-Lauf</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Debugging %1…</source>
        <extracomment>Status line while a debug run goes on; %1 is the script&apos;s file name.</extracomment>
        <translation>%1 wird debuggt …</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow_checks.cpp" line="+29"/>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Check Script</source>
        <translation>Skript &amp;prüfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Load the script as a run would (syntax, imports, options) and mark the errors</source>
        <translation>Das Skript wie bei einem Lauf laden (Syntax, Importe, Optionen) und die Fehler markieren</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Checking %1…</source>
        <translation>%1 wird geprüft …</translation>
    </message>
</context>
<context>
    <name>stampede::ui::OptionsPanel</name>
    <message>
        <location filename="../ui/options/optionspanel.cpp" line="+149"/>
        <source>Load</source>
        <translation>Last</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scenarios</source>
        <translation>Szenarien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thresholds</source>
        <translation>Schwellenwerte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+347"/>
        <location line="+50"/>
        <location line="+56"/>
        <source>Not a literal value: edit it in the script</source>
        <translation>Kein literaler Wert: Bearbeiten Sie ihn im Skript</translation>
    </message>
    <message>
        <location line="-450"/>
        <source>expression</source>
        <extracomment>Next to a value that is code, not a literal (e.g. __ENV.VUS || 10): the form cannot edit it.</extracomment>
        <translation>Ausdruck</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+29"/>
        <source>not set</source>
        <extracomment>Shown in a number field when the option is not in the script.</extracomment>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>&amp;VUs:</source>
        <translation>&amp;VUs:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>not set, e.g. 30s or 1m30s</source>
        <translation>nicht gesetzt, z. B. 30s oder 1m30s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Duration:</source>
        <translation>D&amp;auer:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not a duration such as 30s, 1m30s or 500ms</source>
        <translation>„%1“ ist keine Dauer wie 30s, 1m30s oder 500ms</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Iterations:</source>
        <translation>&amp;Iterationen:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stages (ramping VUs):</source>
        <translation>Stufen (VU-Rampe):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a stage</source>
        <translation>Eine Stufe hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the selected stage</source>
        <translation>Die ausgewählte Stufe entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the selected stage up</source>
        <translation>Die ausgewählte Stufe nach oben verschieben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move the selected stage down</source>
        <translation>Die ausgewählte Stufe nach unten verschieben</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Target VUs</source>
        <translation>Ziel-VUs</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Add a scenario</source>
        <translation>Ein Szenario hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the selected scenario</source>
        <translation>Das ausgewählte Szenario entfernen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Executor:</source>
        <translation>&amp;Executor:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expressions (comma-separated)</source>
        <translation>Ausdrücke (durch Kommas getrennt)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Abort on fail</source>
        <translation>Bei Verletzung abbrechen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a threshold</source>
        <translation>Einen Schwellenwert hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the selected threshold</source>
        <translation>Den ausgewählten Schwellenwert entfernen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot rename the threshold metric to &quot;%1&quot;: the name is empty or taken</source>
        <translation>Die Metrik des Schwellenwerts kann nicht in „%1“ umbenannt werden: Der Name ist leer oder bereits vergeben</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Passed to runs of this script as -e KEY=VALUE (read as __ENV.KEY). Kept with the studio&apos;s settings, not in the script.</source>
        <translation>Wird an Läufe dieses Skripts als -e KEY=VALUE übergeben (gelesen als __ENV.KEY). Wird mit den Einstellungen des Studios gespeichert, nicht im Skript.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a variable</source>
        <translation>Eine Variable hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the selected variable</source>
        <translation>Die ausgewählte Variable entfernen</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Open a k6 script to edit its options here.</source>
        <translation>Öffnen Sie ein k6-Skript, um hier seine Optionen zu bearbeiten.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot read the options: line %1, column %2: %3. The form is read-only until the script can be read.</source>
        <translation>Die Optionen können nicht gelesen werden: Zeile %1, Spalte %2: %3. Das Formular ist schreibgeschützt, bis das Skript gelesen werden kann.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The options are computed by code, not written as an object: edit them in the script.</source>
        <translation>Die Optionen werden durch Code berechnet, nicht als Objekt geschrieben: Bearbeiten Sie sie im Skript.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The script has no options object yet; editing adds one after the imports.</source>
        <translation>Das Skript hat noch kein Optionsobjekt; beim Bearbeiten wird eines nach den Importen eingefügt.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Double-click to rename</source>
        <translation>Zum Umbenennen doppelklicken</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>No scenarios: the test runs the VUs, duration, iterations or stages of the Load tab.</source>
        <translation>Keine Szenarien: Der Test verwendet die VUs, die Dauer, die Iterationen oder die Stufen des Tabs „Last“.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>e.g. 30s:10, 1m:20</source>
        <extracomment>Placeholder of a scenario&apos;s stages field: duration:target pairs.</extracomment>
        <translation>z. B. 30s:10, 1m:20</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>default (the default function)</source>
        <translation>default (die default-Funktion)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>0s</source>
        <translation>0s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>30s</source>
        <translation>30s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose an executor.</source>
        <translation>Wählen Sie einen Executor.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>target VUs over time</source>
        <translation>Ziel-VUs im Zeitverlauf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>iterations per %1 over time</source>
        <translation>Iterationen pro %1 im Zeitverlauf</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>Stage %1: the target must be a whole number of VUs</source>
        <translation>Stufe %1: Das Ziel muss eine ganze Zahl von VUs sein</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stage %1: &quot;%2&quot; is not a duration such as 30s</source>
        <translation>Stufe %1: „%2“ ist keine Dauer wie 30s</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Scenario %1: write stages as duration:target pairs, e.g. 30s:10, 1m:20</source>
        <translation>Szenario %1: Geben Sie Stufen als Paare Dauer:Ziel an, z. B. 30s:10, 1m:20</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scenario %1: %2 must be a number</source>
        <translation>Szenario %1: %2 muss eine Zahl sein</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scenario %1: &quot;%2&quot; is not a duration such as 30s</source>
        <translation>Szenario %1: „%2“ ist keine Dauer wie 30s</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Cannot rename the scenario &quot;%1&quot; to &quot;%2&quot;: the name is empty or taken</source>
        <translation>Das Szenario „%1“ kann nicht in „%2“ umbenannt werden: Der Name ist leer oder bereits vergeben</translation>
    </message>
</context>
<context>
    <name>stampede::ui::ProblemsPane</name>
    <message>
        <location filename="../ui/editor/problemspane.cpp" line="+22"/>
        <source>Not checked yet. Save the script or use Run ▸ Check Script.</source>
        <translation>Noch nicht geprüft. Speichern Sie das Skript oder verwenden Sie Ausführen ▸ Skript prüfen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Message</source>
        <extracomment>Columns of the Problems list.</extracomment>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Checking %1…</source>
        <translation>%1 wird geprüft …</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+6"/>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>%1:%2</source>
        <extracomment>Line and column of a problem, e.g. &quot;12:5&quot;.</extracomment>
        <translation>%1:%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>stampede::ui::Prompts</name>
    <message>
        <location filename="../ui/mainwindow/prompts.cpp" line="+16"/>
        <source>k6 scripts (*.js *.mjs *.ts);;Data files (*.csv *.json *.har);;All files (*)</source>
        <translation>k6-Skripte (*.js *.mjs *.ts);;Datendateien (*.csv *.json *.har);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; has unsaved changes.</source>
        <translation>„%1“ hat ungespeicherte Änderungen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do you want to save them?</source>
        <translation>Möchten Sie sie speichern?</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open Script</source>
        <translation>Skript öffnen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save Script As</source>
        <translation>Skript speichern unter</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Test Running</source>
        <translation>Test läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A load test is still running.</source>
        <translation>Ein Lasttest läuft noch.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop it and continue?</source>
        <translation>Test stoppen und fortfahren?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop Test</source>
        <translation>Test stoppen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Recover Unsaved Work</source>
        <translation>Ungespeicherte Arbeit wiederherstellen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Stampede Studio did not close properly. Unsaved changes to %n document(s) were kept.</source>
        <translation>
            <numerusform>Stampede Studio wurde nicht ordnungsgemäß beendet. Ungespeicherte Änderungen an %n Dokument wurden aufbewahrt.</numerusform>
            <numerusform>Stampede Studio wurde nicht ordnungsgemäß beendet. Ungespeicherte Änderungen an %n Dokumenten wurden aufbewahrt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recover</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Go to Line</source>
        <translation>Gehe zu Zeile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line (1–%1):</source>
        <translation>Zeile (1–%1):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open Project Folder</source>
        <translation>Projektordner öffnen</translation>
    </message>
</context>
<context>
    <name>stampede::ui::RunControlBar</name>
    <message>
        <location filename="../ui/run/runcontrolbar.cpp" line="+91"/>
        <source>Run control:</source>
        <translation>Laufsteuerung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause the run: VUs finish their iteration and start no new one (PATCH /v1/status)</source>
        <translation>Den Lauf pausieren: VUs beenden ihre Iteration und starten keine neue (PATCH /v1/status)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume a paused run</source>
        <translation>Einen pausierten Lauf fortsetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Pause</source>
        <extracomment>Run menu: pause the running load test (the engine&apos;s REST API).</extracomment>
        <translation>Pa&amp;usieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Res&amp;ume</source>
        <extracomment>Run menu: resume the paused load test.</extracomment>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;VUs:</source>
        <translation>&amp;VUs:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active VUs of the externally-controlled scenario, up to its maxVUs</source>
        <translation>Aktive VUs des extern gesteuerten Szenarios, bis zu seinem maxVUs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set VUs</source>
        <translation>VUs setzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale the externally-controlled scenario to this many VUs now</source>
        <translation>Das extern gesteuerte Szenario jetzt auf diese Anzahl VUs skalieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no run</source>
        <translation>kein Lauf</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>starting…</source>
        <translation>wird gestartet …</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>ended</source>
        <translation>beendet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 of %2 VUs</source>
        <translation>%1 von %2 VUs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not running yet</source>
        <translation>läuft noch nicht</translation>
    </message>
</context>
<context>
    <name>stampede::ui::RunListModel</name>
    <message>
        <location filename="../ui/models/runlistmodel.cpp" line="+55"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Thresholds failed</source>
        <translation>Schwellenwerte nicht erfüllt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aborted</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The baseline of this test</source>
        <translation>Die Referenz dieses Tests</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run #%1</source>
        <translation>Lauf #%1</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Baseline: the run others of the same test are compared with</source>
        <translation>Referenz: der Lauf, mit dem andere Läufe desselben Tests verglichen werden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exit</source>
        <translation>Beendigung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>VUs max</source>
        <translation>VUs max.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error rate</source>
        <translation>Fehlerquote</translation>
    </message>
</context>
<context>
    <name>stampede::ui::StageGraph</name>
    <message>
        <location filename="../ui/options/stagegraph.cpp" line="+20"/>
        <source>target VUs over time</source>
        <extracomment>Caption under the stage graph.</extracomment>
        <translation>Ziel-VUs im Zeitverlauf</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Add stages to see the VU profile</source>
        <translation>Fügen Sie Stufen hinzu, um das VU-Profil zu sehen</translation>
    </message>
</context>
<context>
    <name>stampede::ui::WaterfallWidget</name>
    <message>
        <location filename="../ui/debug/waterfallwidget.cpp" line="+51"/>
        <source>Blocked</source>
        <translation>Blockiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TLS handshake</source>
        <extracomment>The TLS handshake phase of a request.</extracomment>
        <translation>TLS-Handshake</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting</source>
        <extracomment>Waiting for the first byte of the response (TTFB).</extracomment>
        <translation>Warten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receiving</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select a request to see its timings</source>
        <translation>Wählen Sie eine Anfrage aus, um ihren Zeitablauf zu sehen</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+13"/>
        <source>%1 ms</source>
        <extracomment>A phase&apos;s duration in the timings waterfall.</extracomment>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Duration</source>
        <extracomment>Total request duration (sending + waiting + receiving, as k6 counts it).</extracomment>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>0 – %1 ms</source>
        <extracomment>Under the waterfall: the time the bars span.</extracomment>
        <translation>0 – %1 ms</translation>
    </message>
</context>
</TS>
