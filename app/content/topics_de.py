"""German translations of the learn topics in ``app.content.topics``.

Pure data: no Flask, no I/O. Keyed by topic slug, with the same sections
and paragraphs as the English source. Addresses the reader as "Sie".
Inoplan never diagnoses and never suggests medicine doses.
"""
from __future__ import annotations

DISCLAIMER_DE: str = (
    "Inoplan unterstützt Sie dabei, einen Selbsthilfeplan umzusetzen, den Sie "
    "mit Ihrer Ärztin oder Ihrem Arzt vereinbart haben. Die App kann keine "
    "Erkrankung diagnostizieren und ersetzt keinen ärztlichen Rat."
)

TOPICS_DE: dict[str, dict] = {
    "what-is-inomyalgia": {
        "title": "Was ist Inomyalgie?",
        "summary": "Ein neuerer Name für lang anhaltende Schmerzen, die tief aus dem Inneren der Muskelfasern zu kommen scheinen.",
        "sections": [
            {
                "heading": "Woher das Wort stammt",
                "paragraphs": [
                    "Das Wort setzt sich aus zwei Teilen zusammen. „Ino“ stammt von einem griechischen Wort für Faser oder Sehne, und „Myalgie“ ist der übliche medizinische Begriff für einen schmerzenden Muskel.",
                    "Zusammengesetzt weist der Name auf Schmerzen hin, die tief in den Muskelfasern entstehen und nicht nahe der Oberfläche.",
                ],
            },
            {
                "heading": "Warum der Begriff verwendet wird",
                "paragraphs": [
                    "Manche Menschen leben mit einem tiefen Muskelschmerz, der einfach nicht aufhört und den Untersuchungen nicht erklären können. Ein klarer Name kann es leichter machen, darüber zu sprechen und die Behandlung zu planen.",
                    "Der Begriff ist noch recht neu. Die meisten medizinischen Leitlinien führen ihn bisher nicht auf, daher verwenden Ärztinnen und Ärzte möglicherweise stattdessen Begriffe wie Myalgie, Fibromyalgie oder myofaszialer Schmerz.",
                ],
            },
            {
                "heading": "Was das für Sie bedeutet",
                "paragraphs": [
                    "Die Schmerzen sind real, auch wenn Bildgebung und Blutwerte unauffällig sind. Sie halten meist lange an, doch viele Menschen erleben, dass sie durch beständige Selbstfürsorge und die richtige Unterstützung nachlassen.",
                    "Am besten verläuft es meist, wenn die Hilfe früh beginnt und Bewegung, Schlaf, den Umgang mit Stress und den Rat Ihres Behandlungsteams miteinander verbindet.",
                ],
            },
        ],
    },
    "symptoms": {
        "title": "Häufige Beschwerden",
        "summary": "Der tiefe Schmerz, die Müdigkeit und die Steifheit, die Betroffene oft beschreiben, und wie sie den Alltag beeinflussen können.",
        "sections": [
            {
                "heading": "Wie es sich anfühlen kann",
                "paragraphs": [
                    "Viele Menschen beschreiben einen tiefen, anhaltenden Schmerz in ihren Muskeln. Es ist nicht nur ein oberflächliches Wundgefühl und auch nicht nur die normale Steifheit, die man nach dem Sport spürt.",
                    "Größere Muskelgruppen, etwa im Rücken, im Nacken und in den Oberschenkeln, können sich steif und weniger beweglich anfühlen als früher.",
                    "Die Muskeln können druckempfindlich sein, und manche Menschen bemerken darin ein unruhiges, zappeliges Gefühl.",
                ],
            },
            {
                "heading": "Müdigkeit und Schwäche",
                "paragraphs": [
                    "Lang anhaltende Müdigkeit ist häufig, und die Muskeln können sich schwächer anfühlen als sonst.",
                    "Langes Stillsitzen oder Auskühlen verstärkt die Schmerzen oft.",
                ],
            },
            {
                "heading": "Schlaf und Stimmung",
                "paragraphs": [
                    "Schmerzen können den Schlaf unterbrechen, und schlechter Schlaf kann Schmerzen am nächsten Tag stärker erscheinen lassen.",
                    "Mit Schmerzen zu leben, die nicht vergehen, kann zu Sorgen, gedrückter Stimmung oder einer Depression führen. Das ist eine normale Reaktion auf eine schwierige Lage, und es gibt Hilfe.",
                ],
            },
            {
                "heading": "Die Auswirkungen auf den Alltag",
                "paragraphs": [
                    "Diese Beschwerden können Arbeit, Haushalt und Hobbys erschweren und die Freude daran trüben.",
                    "Wenn Sie Ihr Befinden in Inoplan festhalten, können Sie und Ihre Ärztin oder Ihr Arzt mit der Zeit Muster erkennen.",
                ],
            },
        ],
    },
    "how-it-differs": {
        "title": "Abgrenzung zu ähnlichen Erkrankungen",
        "summary": "Wie sich Inomyalgie von Fibromyalgie, dem myofaszialen Schmerzsyndrom, der Polymyalgia rheumatica und der Myositis unterscheidet.",
        "sections": [
            {
                "heading": "Fibromyalgie",
                "paragraphs": [
                    "Fibromyalgie ist die bekannteste Bezeichnung für ausgedehnte Muskelschmerzen ohne klare Ursache. Sie geht oft mit vielen druckempfindlichen Stellen, Schwierigkeiten beim klaren Denken (manchmal „Brain Fog“ oder Gehirnnebel genannt) und schlechtem Schlaf einher.",
                    "Inomyalgie bezeichnet ein enger gefasstes Bild: einen tiefen, anhaltenden Schmerz im Inneren der Muskelfasern, manchmal ohne diese anderen, den ganzen Körper betreffenden Merkmale.",
                ],
            },
            {
                "heading": "Myofasziales Schmerzsyndrom",
                "paragraphs": [
                    "Beim myofaszialen Schmerzsyndrom bilden sich im Muskel kleine, feste Verhärtungen, sogenannte Triggerpunkte, die Schmerzen verursachen.",
                    "Bei der Inomyalgie, wie sie derzeit beschrieben wird, geht es nicht um diese Verhärtungen. Der Schmerz ist über die Muskelfasern verteilt und hält lange an.",
                ],
            },
            {
                "heading": "Polymyalgia rheumatica und Myositis",
                "paragraphs": [
                    "Die Polymyalgia rheumatica ist eine entzündliche Erkrankung, die vor allem ältere Erwachsene betrifft. Myositis bedeutet, dass der Muskel selbst entzündet ist.",
                    "Beide können Muskelschmerzen verursachen, ebenso manche nervenbedingte Erkrankungen. Sie beruhen jedoch auf anderen Vorgängen im Körper und brauchen eine eigene medizinische Behandlung.",
                    "Das ist ein Grund, warum Ärztinnen und Ärzte diese Erkrankungen abklären, bevor sie Ihren Schmerzen einen Namen geben.",
                ],
            },
        ],
    },
    "causes": {
        "title": "Mögliche Ursachen",
        "summary": "Die genaue Ursache wird noch erforscht, doch wahrscheinlich spielen mehrere Dinge eine Rolle.",
        "sections": [
            {
                "heading": "Noch in Erforschung",
                "paragraphs": [
                    "Noch weiß niemand sicher, wodurch Inomyalgie entsteht. Forschende untersuchen sie weiterhin.",
                    "Was über andere Formen lang anhaltender Muskelschmerzen bekannt ist, liefert einige nützliche Hinweise.",
                ],
            },
            {
                "heading": "Belastung, Haltung und Bewegung",
                "paragraphs": [
                    "Wer dieselbe Bewegung immer wieder ausführt, zum Beispiel bei der Arbeit, kann winzige Risse und Reizungen im Muskel verursachen.",
                    "Eine krumme Haltung oder das Verharren in ungünstigen Positionen kann die tiefsten Muskeln zusätzlich belasten.",
                    "Wenig Bewegung kann das tiefe Muskelgewebe nach und nach schwächen und es angespannt, steif und schmerzhaft machen.",
                ],
            },
            {
                "heading": "Stress und Psyche",
                "paragraphs": [
                    "Stresshormone verändern, wie Muskeln sich anspannen und entspannen. Hält Stress lange an, können sich die Beschwerden verschlimmern.",
                    "Das bedeutet nicht, dass die Schmerzen „nur eingebildet“ sind. Es bedeutet, dass der gute Umgang mit Stress ein Teil der Fürsorge für Ihre Muskeln ist.",
                ],
            },
            {
                "heading": "Gene und andere Erkrankungen",
                "paragraphs": [
                    "Manche Menschen sind aufgrund ihrer Gene möglicherweise anfälliger dafür.",
                    "Auch andere Erkrankungen können zu lang anhaltenden Muskelschmerzen führen, etwa Gelenk- und Immunerkrankungen, Störungen im Energiestoffwechsel des Körpers oder hormonelle Ungleichgewichte. Ihre Ärztin oder Ihr Arzt kann diese abklären.",
                ],
            },
        ],
    },
    "diagnosis": {
        "title": "Wie sie festgestellt wird",
        "summary": "Ärztinnen und Ärzte schließen zuerst andere Ursachen von Muskelschmerzen aus; Inoplan selbst kann keine Diagnose stellen.",
        "sections": [
            {
                "heading": "Gemeinsam mit Ihrer Ärztin oder Ihrem Arzt klären",
                "paragraphs": [
                    "Es gibt keinen einzelnen Test für Inomyalgie. Ärztinnen und Ärzte kommen meist darauf, indem sie zuerst andere, bekanntere Ursachen von Muskelschmerzen ausschließen.",
                    "Wenn nach diesen Untersuchungen ein tiefer, anhaltender Schmerz weiterhin das Hauptproblem ist, kann der Begriff passen. Inoplan kann diese Entscheidung nicht für Sie treffen.",
                    "Wenn Ihre Muskeln weiter schmerzen und niemand einen Grund gefunden hat, ist es sinnvoll, Ihre Ärztin oder Ihren Arzt nach einer Überweisung an eine Fachpraxis für Muskel- und Gelenkschmerzen oder für Rheumatologie zu fragen.",
                ],
            },
            {
                "heading": "Was die Untersuchungen umfassen können",
                "paragraphs": [
                    "Ihre Ärztin oder Ihr Arzt wird Sie wahrscheinlich nach Ihrer Krankengeschichte und Ihren Schmerzen fragen: wann sie begonnen haben, wie lange sie anhalten und was sie bessert oder verschlimmert.",
                    "Möglicherweise werden Ihre Muskeln abgetastet, um druckempfindliche Stellen zu finden und Ihre Kraft zu prüfen.",
                    "Blutuntersuchungen können nach Hinweisen auf Entzündungen, Störungen des Immunsystems oder Stoffwechselprobleme suchen. Bildgebende Verfahren wie MRT oder Ultraschall dienen vor allem dazu, Verletzungen oder ernste Erkrankungen auszuschließen.",
                ],
            },
            {
                "heading": "Warum Befunde unauffällig sein können",
                "paragraphs": [
                    "Blutuntersuchungen und Bildgebung können eine Inomyalgie nicht nachweisen. Ihre Aufgabe ist es, sicherzustellen, dass nichts anderes die Schmerzen verursacht.",
                    "Unauffällige Ergebnisse können frustrierend sein, doch sie sind hilfreich. Sie helfen Ihrem Behandlungsteam, den für Sie sichersten Plan zu wählen.",
                ],
            },
        ],
    },
    "physical-therapy": {
        "title": "Bewegung und Physiotherapie",
        "summary": "Sanftes Dehnen, Kräftigen und Ausdauertraining helfen, Kraft wieder aufzubauen und Steifheit zu lindern.",
        "sections": [
            {
                "heading": "Warum Bewegung hilft",
                "paragraphs": [
                    "Werden Muskeln wenig genutzt, werden sie schwächer und steifer, und das kann die Schmerzen verstärken. Regelmäßige, sanfte Aktivität hilft, diesen Kreislauf umzukehren.",
                    "Schon wenig Bewegung, dafür oft, bringt mehr als eine große Anstrengung ab und zu.",
                ],
            },
            {
                "heading": "Dehnen und Kräftigen",
                "paragraphs": [
                    "Langsame Dehnungen für Rücken, Nacken und Oberschenkel können helfen, dass die Muskeln sich lockern und freier bewegen. Halten Sie jede Dehnung sanft und wippen Sie niemals.",
                    "Leichtes Krafttraining hilft, Schwäche abzubauen. Beginnen Sie mit wenigen leichten Wiederholungen und steigern Sie erst, wenn Ihr Körper bereit ist.",
                ],
            },
            {
                "heading": "Ausdauertraining",
                "paragraphs": [
                    "Gehen, Schwimmen und leichtes Radfahren bauen nach und nach Ausdauer auf und halten die Muskeln gesund. Warmes Wasser kann sich für schmerzende Muskeln besonders wohltuend anfühlen.",
                    "Beginnen Sie mit kurzen Einheiten, die Sie auch an einem schlechten Tag schaffen, und verlängern Sie dann jeweils um wenige Minuten.",
                ],
            },
            {
                "heading": "Haltung und Arbeitsplatz",
                "paragraphs": [
                    "Eine gute Haltung und ein gut eingerichteter Schreibtisch oder Arbeitsplatz entlasten die tiefen Muskeln. Auch kurze, regelmäßige Sitzpausen helfen.",
                    "Eine Physiotherapeutin oder ein Physiotherapeut kann Übungen auf Sie abstimmen. Besprechen Sie jeden neuen Trainingsplan mit Ihrer Ärztin oder Ihrem Arzt und hören Sie auf, wenn Sie stechende oder ungewöhnliche Schmerzen spüren.",
                ],
            },
        ],
    },
    "medications": {
        "title": "Medikamente",
        "summary": "Medikamente können Teil mancher Behandlungspläne sein, doch nur Ihre Ärztin, Ihr Arzt oder Ihre Apotheke kann Sie dazu beraten.",
        "sections": [
            {
                "heading": "Sprechen Sie mit Ihrer Ärztin oder Ihrem Arzt",
                "paragraphs": [
                    "Manche Menschen nutzen Medikamente als einen Teil ihres Plans. Welche und in welcher Menge, entscheiden Sie gemeinsam mit Ihrer Ärztin, Ihrem Arzt oder Ihrer Apotheke.",
                    "Inoplan schlägt niemals ein Medikament oder eine Dosis vor. Wenn Sie Medikamente in der App erfassen, halten Sie sich an die Anweisungen, die Sie erhalten haben.",
                ],
            },
            {
                "heading": "Arten, über die Ihre Ärztin oder Ihr Arzt sprechen könnte",
                "paragraphs": [
                    "Ärztinnen und Ärzte sprechen möglicherweise über allgemeine Gruppen wie entzündungshemmende Schmerzmittel, Medikamente, die verspannte Muskeln lockern, und Cremes oder Gele zum Auftragen auf die Haut.",
                    "Manche Medikamente, die ursprünglich gegen Depressionen entwickelt wurden, werden auch eingesetzt, um lang anhaltende Schmerzsignale zu dämpfen, selbst bei Menschen ohne Depression. Wenn Ihnen eines angeboten wird, heißt das nicht, dass jemand Ihre Schmerzen für eingebildet hält.",
                    "Jedes Medikament kann Nebenwirkungen haben und sich ungünstig mit anderen vertragen. Lesen Sie immer den Beipackzettel und fragen Sie nach, bevor Sie etwas beginnen, absetzen oder ändern.",
                ],
            },
            {
                "heading": "Medikamente wirken am besten zusammen mit Selbstfürsorge",
                "paragraphs": [
                    "Medikamente sind meist nur ein Teil des Gesamtbildes. Bewegung, Schlaf, der Umgang mit Stress und das Einteilen der eigenen Kräfte bleiben sehr wichtig.",
                ],
            },
        ],
    },
    "lifestyle-and-sleep": {
        "title": "Alltagsgewohnheiten und Schlaf",
        "summary": "Regelmäßige Aktivität und gute Schlafgewohnheiten helfen, den Kreislauf aus Schmerz, Müdigkeit und Stress zu durchbrechen.",
        "sections": [
            {
                "heading": "Bleiben Sie sanft aktiv",
                "paragraphs": [
                    "Sich jeden Tag ein wenig zu bewegen, auch in mäßigem Umfang, gehört zu den hilfreichsten Dingen, die Sie für Ihre Gesundheit tun können.",
                    "Langes Stillsitzen kann Steifheit und Schmerzen verstärken; versuchen Sie daher, Ihre Position oft zu wechseln.",
                ],
            },
            {
                "heading": "Warum Schlaf wichtig ist",
                "paragraphs": [
                    "Schmerzen stören den Schlaf, und schlechter Schlaf macht es schwerer, mit Schmerzen und Müdigkeit umzugehen. Besserer Schlaf ist ein wichtiger Weg, diesen Kreislauf zu durchbrechen.",
                    "Kleine, beständige Gewohnheiten helfen meist mehr als große Veränderungen auf einmal.",
                ],
            },
            {
                "heading": "Schlafgewohnheiten zum Ausprobieren",
                "paragraphs": [
                    "Stehen Sie jeden Tag zur gleichen Zeit auf, auch am Wochenende. Das hilft, Ihre innere Uhr einzustellen.",
                    "Gönnen Sie sich vor dem Schlafengehen eine ruhige Zeit zum Runterkommen und legen Sie in der letzten Stunde die Bildschirme weg.",
                    "Halten Sie Ihr Schlafzimmer kühl, dunkel und ruhig, und verzichten Sie ab dem frühen Nachmittag auf Tee, Kaffee, Cola und Energydrinks.",
                ],
            },
        ],
    },
    "heat-and-cold": {
        "title": "Wärme und Kälte sicher anwenden",
        "summary": "Wärme und Kühlpacks können bei vorsichtiger Anwendung kurzfristig Linderung bringen.",
        "sections": [
            {
                "heading": "Wie Wärme helfen kann",
                "paragraphs": [
                    "Wärme hilft steifen, schmerzenden Muskeln oft, sich zu entspannen, während Kälte diese Art von Schmerz eher verstärkt. Ein warmes Bad oder ein Wärmekissen kann kurzfristig etwas Linderung verschaffen.",
                    "Verwenden Sie ein Wärmekissen jeweils etwa 15 bis 20 Minuten lang, mit einem Tuch zwischen Kissen und Haut.",
                ],
            },
            {
                "heading": "Wann Kälte helfen kann",
                "paragraphs": [
                    "Manche Menschen empfinden ein Kühlpack nach einem Schub oder einer Überlastung als wohltuend. Wickeln Sie es in ein dünnes Tuch und verwenden Sie es 10 bis 15 Minuten lang.",
                    "Legen Sie Eis niemals direkt auf die nackte Haut.",
                ],
            },
            {
                "heading": "Sicher bleiben",
                "paragraphs": [
                    "Prüfen Sie immer zuerst die Temperatur und wenden Sie Wärme oder Kälte nicht auf Haut an, die taub oder verletzt ist oder ein vermindertes Empfinden hat.",
                    "Schlafen Sie niemals mit einem Wärme- oder Kühlpack auf der Haut ein. Kontrollieren Sie Ihre Haut häufig und hören Sie auf, wenn sie stark gerötet, fleckig, mit Blasen bedeckt oder schmerzhaft wird.",
                    "Wenn Sie Diabetes, Durchblutungsstörungen oder Nervenschäden haben, fragen Sie Ihre Ärztin oder Ihren Arzt, bevor Sie Wärme oder Kälte anwenden.",
                ],
            },
        ],
    },
    "mind-body": {
        "title": "Körper-Geist-Übungen",
        "summary": "Ruhiges Atmen, Achtsamkeit und sanfte Bewegungsübungen können Stress abbauen und die Schmerzreaktion abmildern.",
        "sections": [
            {
                "heading": "Warum Körper und Geist zusammenhängen",
                "paragraphs": [
                    "Stress hält die Muskeln angespannt und kann Schmerzsignale verstärken. Wenn der Geist zur Ruhe kommt, kann sich auch der Körper entspannen.",
                    "Diese Übungen bedeuten nicht, dass die Schmerzen eingebildet sind. Sie sind Werkzeuge, die Ihrem Nervensystem helfen, sich zu beruhigen.",
                ],
            },
            {
                "heading": "Übungen zum Ausprobieren",
                "paragraphs": [
                    "Langsames Atmen, ein Body-Scan und Achtsamkeitsmeditation sind einfache Möglichkeiten für den Einstieg. Einige Minuten am Tag genügen für den Anfang.",
                    "Sanftes Yoga und Tai-Chi verbinden langsame Bewegung mit ruhigem Atmen. Wählen Sie Kurse oder Videos für Einsteiger und lassen Sie jede Haltung aus, die wehtut.",
                ],
            },
            {
                "heading": "Eine Gewohnheit daraus machen",
                "paragraphs": [
                    "Wenn Sie jeden Tag zur gleichen Zeit üben, fällt es leichter, daran zu denken. Viele Menschen mögen eine kurze Einheit vor dem Schlafengehen.",
                    "Machen Sie sich keine Sorgen, wenn Ihre Gedanken abschweifen. Das Bemerken und sanfte Zurückkehren ist die eigentliche Übung.",
                ],
            },
        ],
    },
    "complementary-therapies": {
        "title": "Ergänzende Therapien",
        "summary": "Manche Menschen empfinden zusätzliche Therapien wie Massage oder Wassertherapie neben ihrem Hauptplan als hilfreich.",
        "sections": [
            {
                "heading": "Was manche Menschen ausprobieren",
                "paragraphs": [
                    "Akupunktur, Bewegung in warmem Wasser (Hydrotherapie), Massage und sanfte manuelle Therapie helfen manchen Menschen, sich besser zu fühlen.",
                    "Die Ergebnisse sind von Mensch zu Mensch verschieden; was dem einen hilft, hilft der anderen vielleicht nicht.",
                ],
            },
            {
                "heading": "Essen und Ernährung",
                "paragraphs": [
                    "Eine Ernährungsfachkraft oder Ernährungsberatung kann sich ansehen, was Sie essen. Ihre Ärztin oder Ihr Arzt kann außerdem prüfen, ob Ihnen Vitamine oder Mineralstoffe fehlen.",
                ],
            },
            {
                "heading": "Sicher auswählen",
                "paragraphs": [
                    "Wenden Sie sich an qualifizierte, zugelassene Fachleute und informieren Sie sie über Ihre Erkrankung und alle Medikamente, die Sie einnehmen.",
                    "Sprechen Sie mit Ihrer Ärztin oder Ihrem Arzt, bevor Sie etwas Neues beginnen, und seien Sie vorsichtig bei allem, was eine schnelle Heilung verspricht.",
                ],
            },
        ],
    },
    "psychological-support": {
        "title": "Emotionale und psychologische Unterstützung",
        "summary": "Mit anhaltenden Schmerzen zu leben ist schwer, und Unterstützung für Ihre Gefühle ist ein selbstverständlicher Teil guter Versorgung.",
        "sections": [
            {
                "heading": "Schmerzen beeinflussen, wie Sie sich fühlen",
                "paragraphs": [
                    "Schmerzen, die lange anhalten, bringen oft Sorgen, gedrückte Stimmung oder eine Depression mit sich. Es ist kein Zeichen von Schwäche, sich so zu fühlen.",
                    "Stress und gedrückte Stimmung können Schmerzen auch aufflammen lassen; wenn Sie auf Ihre Psyche achten, hilft das also auch Ihrem Körper.",
                ],
            },
            {
                "heading": "Formen der Hilfe",
                "paragraphs": [
                    "Gesprächstherapien wie die kognitive Verhaltenstherapie (KVT) können praktische Wege vermitteln, mit Schmerzen und Stress umzugehen.",
                    "Beratung, Schmerzbewältigungsprogramme und Selbsthilfegruppen können Ihnen helfen, sich weniger allein zu fühlen.",
                    "Fragen Sie Ihre Ärztin oder Ihren Arzt, welche Angebote es in Ihrer Nähe gibt. Die Versorgung wirkt am besten, wenn Ihre körperlichen und seelischen Bedürfnisse gemeinsam berücksichtigt werden.",
                ],
            },
            {
                "heading": "Wenn Sie sich nicht sicher fühlen",
                "paragraphs": [
                    "Wenn Sie Gedanken haben, sich selbst etwas anzutun, wenden Sie sich sofort an den Notruf oder ein Krisentelefon. Sie haben es verdient, jetzt sofort Hilfe zu bekommen.",
                ],
            },
        ],
    },
    "pacing": {
        "title": "Den Tag einteilen",
        "summary": "Aktivität gleichmäßig über den Tag zu verteilen hilft Ihnen, den Kreislauf aus Überlastung und anschließendem Zusammenbruch zu vermeiden.",
        "sections": [
            {
                "heading": "Was Pacing bedeutet",
                "paragraphs": [
                    "Pacing bedeutet, jeden Tag ein gleichmäßiges Maß an Aktivität einzuhalten, statt an guten Tagen sehr viel und an schlechten Tagen sehr wenig zu tun.",
                    "Wer sich an einem guten Tag stark verausgabt, riskiert einen Schub, der die nächsten Tage zunichtemacht. Pacing hilft, dieses Auf und Ab auszugleichen.",
                ],
            },
            {
                "heading": "So teilen Sie Ihre Kräfte ein",
                "paragraphs": [
                    "Teilen Sie große Aufgaben in kleinere Abschnitte auf und machen Sie dazwischen kurze Pausen, bevor Sie sich erschöpft fühlen.",
                    "Planen Sie Ihren Tag mit einer Mischung aus anstrengenderen und leichteren Aufgaben. Wechseln Sie zwischen Sitzen, Stehen und Bewegung ab.",
                ],
            },
            {
                "heading": "Langsam steigern",
                "paragraphs": [
                    "Finden Sie ein Maß an Aktivität, das Sie auch an einem schwierigeren Tag bewältigen können. Nehmen Sie das als Ausgangspunkt.",
                    "Steigern Sie es alle ein bis zwei Wochen um ein kleines Stück, solange Ihre Beschwerden stabil bleiben.",
                ],
            },
        ],
    },
    "faq": {
        "title": "Häufig gestellte Fragen",
        "summary": "Kurze, verständliche Antworten auf Fragen, die oft zur Inomyalgie gestellt werden.",
        "sections": [
            {
                "heading": "Ist das dasselbe wie Fibromyalgie oder eine andere Erkrankung?",
                "paragraphs": [
                    "Nein. Bei Fibromyalgie bestehen meist Schmerzen am ganzen Körper sowie Beschwerden wie Gehirnnebel und Müdigkeit. Inomyalgie beschreibt einen tiefen, anhaltenden Schmerz in den Muskelfasern, der auch ohne diese anderen Merkmale auftreten kann.",
                    "Das bedeutet auch, dass jemand eine Inomyalgie haben kann, ohne an Fibromyalgie erkrankt zu sein.",
                    "Das myofasziale Schmerzsyndrom, die Polymyalgia rheumatica, die Myositis und Nervenschmerzen können ähnlich erscheinen. Jede dieser Erkrankungen hat ihre eigene Ursache und ihr eigenes Muster; deshalb klären Ärztinnen und Ärzte sie ab.",
                ],
            },
            {
                "heading": "Ist es ein psychisches Problem?",
                "paragraphs": [
                    "Nein. Es handelt sich in erster Linie um eine körperliche Schmerzerkrankung. Stress und Stimmung können sie verschlimmern, daher ist die Sorge für Ihre seelische Gesundheit dennoch ein wichtiger Teil der Behandlung.",
                ],
            },
            {
                "heading": "Wie wird sie diagnostiziert, und helfen Untersuchungen?",
                "paragraphs": [
                    "Ärztinnen und Ärzte schließen andere bekannte Ursachen von Muskelschmerzen aus und prüfen, ob ein tiefer, anhaltender Schmerz bestehen bleibt. Blutuntersuchungen und Bildgebung können eine Inomyalgie nicht bestätigen, helfen aber, andere Erkrankungen auszuschließen.",
                ],
            },
            {
                "heading": "Wie wird sie behandelt, und wie geht es weiter?",
                "paragraphs": [
                    "Die meisten Pläne verbinden Physiotherapie, langsam gesteigerte Bewegung, guten Schlaf, den Umgang mit Stress und, wenn eine Ärztin oder ein Arzt es für richtig hält, Medikamente.",
                    "Eine gute Haltung, Aktivität im Alltag und ein guter Umgang mit Stress können Ihr Risiko möglicherweise senken. Nicht jeder Fall lässt sich verhindern, besonders wenn Gene oder eine andere Erkrankung eine Rolle spielen.",
                    "Sollte die Forschung zeigen, dass sie sich tatsächlich von anderen Schmerzerkrankungen unterscheidet, werden wahrscheinlich klarere Definitionen folgen. Das würde es Betroffenen und Fachleuten erleichtern, darüber zu sprechen und sie zu behandeln.",
                ],
            },
        ],
    },
    "red-flags": {
        "title": "Wann Sie ärztliche Hilfe brauchen",
        "summary": "Warnzeichen, bei denen Sie die Selbstbehandlung unterbrechen und sich schnell an eine Ärztin oder einen Arzt wenden oder den Notruf wählen sollten.",
        "sections": [
            {
                "heading": "Rufen Sie sofort den Notruf",
                "paragraphs": [
                    "Wählen Sie die örtliche Notrufnummer, wenn Sie Schmerzen in der Brust, Atemprobleme oder plötzliche starke Atemnot haben.",
                    "Rufen Sie ebenfalls sofort Hilfe, wenn Sie plötzlich einen Arm oder ein Bein nicht mehr bewegen können oder eine Gesichts- oder Körperhälfte schwach oder taub wird.",
                    "Rückenschmerzen mit einem dieser Zeichen brauchen noch heute Notfallversorgung: neue Probleme, Blase oder Darm zu kontrollieren, Taubheit im Genital- oder Gesäßbereich oder Schwäche in beiden Beinen. Hören Sie mit den Übungen auf und wählen Sie sofort den Notruf oder fahren Sie in eine Notaufnahme.",
                ],
            },
            {
                "heading": "Wenn Sie daran denken, sich etwas anzutun",
                "paragraphs": [
                    "Wenn Sie daran denken, sich etwas anzutun, oder das Gefühl haben, dass das Leben nicht lebenswert ist, sprechen Sie bitte jetzt mit jemandem. Rufen Sie eine Krisen-Hotline an (die Schaltflächen oben auf dieser Seite) oder den Notruf, wenn Sie in Gefahr sind.",
                    "Sie können sich auch Ihrer Ärztin, Ihrem Arzt oder Ihrer Physiotherapeutin anvertrauen. Sie müssen nicht warten, bis es schlimmer wird.",
                ],
            },
            {
                "heading": "Noch am selben Tag ärztlichen Rat einholen",
                "paragraphs": [
                    "Holen Sie dringend ärztlichen Rat ein, wenn Sie eine plötzliche oder rasch zunehmende Muskelschwäche oder neu auftretende Taubheit oder Kribbeln bemerken.",
                    "Suchen Sie zügig Hilfe bei Fieber mit Muskelschmerzen oder bei neuen, starken Schmerzen, die sich deutlich von Ihren üblichen Schmerzen unterscheiden.",
                    "Dunkler, tee- oder colafarbener Urin nach dem Sport oder nach starker Anstrengung kann ein Zeichen für eine Muskelschädigung sein. Hören Sie mit dem Training auf und holen Sie sich schnell ärztliche Hilfe.",
                    "Gehen Sie noch am selben Tag zu einer Ärztin oder einem Arzt, wenn Sie neue Kopfschmerzen, eine empfindliche Kopfhaut, Kieferschmerzen beim Kauen oder irgendeine Veränderung beim Sehen bemerken, besonders wenn Sie über 50 sind. Diese Zeichen müssen schnell abgeklärt werden, weil sie das Sehvermögen gefährden können.",
                ],
            },
            {
                "heading": "Bald ärztlich abklären lassen",
                "paragraphs": [
                    "Wenn Sie über 50 sind und neue Schmerzen und Steifheit in beiden Schultern oder beiden Hüften haben, die morgens am stärksten sind, vereinbaren Sie innerhalb weniger Tage einen Arzttermin. Das kann sich wie Muskelschmerz anfühlen, aber eine andere Erkrankung sein (Polymyalgia rheumatica), die eine eigene Behandlung braucht.",
                ],
            },
            {
                "heading": "Vereinbaren Sie einen Kontrolltermin",
                "paragraphs": [
                    "Sprechen Sie mit Ihrer Ärztin oder Ihrem Arzt, wenn Ihre Beschwerden immer schlimmer werden, wenn Sie ungewollt abnehmen oder wenn Ihr Plan nicht mehr zu helfen scheint.",
                    "Inoplan kann nicht beurteilen, wie ernst ein Symptom ist. Wenn Sie unsicher sind, ist es immer richtig, medizinisches Fachpersonal zu fragen.",
                ],
            },
        ],
    },
}
