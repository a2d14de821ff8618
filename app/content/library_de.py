"""German translations of the built-in routines in ``app.content.library``.

Pure data: no Flask, no I/O. Keyed by routine slug; only the user-facing
text (title, summary, steps, precautions) is translated. Doses, topics and
schedules come from the English source. Addresses the reader as "Sie".
Nothing here is a medicine dose.
"""
from __future__ import annotations

ROUTINES_DE: dict[str, dict] = {
    # ------------------------------------------------------------------
    # Übungen: Nacken
    # ------------------------------------------------------------------
    "neck-side-stretch": {
        "title": "Seitliche Nackendehnung",
        "summary": "Eine langsame Dehnung, die Verspannungen an den Seiten des Nackens löst.",
        "steps": [
            "Setzen Sie sich aufrecht hin, die Schultern locker und die Füße flach auf dem Boden.",
            "Neigen Sie Ihr rechtes Ohr sanft in Richtung der rechten Schulter.",
            "Halten Sie die Position, sobald Sie eine leichte Dehnung spüren, und atmen Sie weiter.",
            "Kehren Sie langsam zur Mitte zurück und wiederholen Sie die Übung zur linken Seite.",
        ],
        "precautions": "Bewegen Sie sich langsam und hören Sie auf, wenn Ihnen schwindelig wird oder Sie Kribbeln oder stechende Schmerzen spüren. Ziehen Sie den Kopf nicht mit der Hand nach unten.",
    },
    "chin-tuck": {
        "title": "Kinn zurückschieben",
        "summary": "Eine kleine Bewegung, die die tiefen Muskeln an der Vorderseite des Halses kräftigt und eine gute Haltung unterstützt.",
        "steps": [
            "Sitzen oder stehen Sie aufrecht und blicken Sie geradeaus.",
            "Schieben Sie das Kinn gerade nach hinten, als wollten Sie ein Doppelkinn machen.",
            "Halten Sie die Position einige Sekunden, ohne den Kopf nach unten zu neigen.",
            "Lassen Sie wieder locker nach vorn und wiederholen Sie die Übung.",
        ],
        "precautions": "Halten Sie die Bewegung klein und angenehm. Hören Sie auf, wenn sie Schmerzen, Schwindel oder ein Ameisenlaufen verursacht.",
    },
    # ------------------------------------------------------------------
    # Übungen: Rücken
    # ------------------------------------------------------------------
    "knee-to-chest-stretch": {
        "title": "Rückendehnung: Knie zur Brust",
        "summary": "Eine Dehnung im Liegen, die die Muskeln des unteren Rückens sanft verlängert.",
        "steps": [
            "Legen Sie sich auf einem Bett oder einer Matte auf den Rücken und stellen Sie beide Beine angewinkelt auf.",
            "Ziehen Sie ein Knie zur Brust, indem Sie hinter den Oberschenkel greifen.",
            "Halten Sie die Position und atmen Sie dabei langsam; senken Sie das Bein dann wieder ab.",
            "Wiederholen Sie die Übung mit dem anderen Bein.",
        ],
        "precautions": "Ziehen Sie nur so weit, wie es sich angenehm anfühlt. Lassen Sie diese Dehnung aus, wenn Sie kürzlich an Hüfte oder Rücken operiert wurden, es sei denn, Ihre Ärztin oder Ihr Arzt hat sie freigegeben.",
    },
    "cat-cow": {
        "title": "Katze-Kuh-Rückendehnung",
        "summary": "Eine fließende Bewegung im Vierfüßlerstand, die einen steifen Rücken lockert.",
        "steps": [
            "Gehen Sie in den Vierfüßlerstand: Hände unter den Schultern, Knie unter den Hüften.",
            "Atmen Sie ein, lassen Sie den Bauch sanft nach unten sinken und blicken Sie nach vorn.",
            "Atmen Sie aus und machen Sie den Rücken zur Decke hin rund.",
            "Bewegen Sie sich langsam zwischen beiden Positionen hin und her.",
        ],
        "precautions": "Legen Sie ein Kissen unter die Knie, wenn diese empfindlich sind. Bleiben Sie mit der Bewegung im schmerzfreien Bereich.",
    },
    "glute-bridge": {
        "title": "Beckenheben",
        "summary": "Eine Übung im Liegen, die den unteren Rücken, das Gesäß und die Rückseite der Oberschenkel kräftigt.",
        "steps": [
            "Legen Sie sich auf den Rücken, stellen Sie die Beine angewinkelt und die Füße hüftbreit flach auf.",
            "Spannen Sie Ihre Bauchmuskeln sanft an.",
            "Drücken Sie sich über die Fersen ab und heben Sie das Becken ein kleines Stück vom Boden an.",
            "Halten Sie kurz inne und senken Sie das Becken dann langsam ab.",
        ],
        "precautions": "Heben Sie nur so hoch, wie es angenehm ist, und vermeiden Sie ein Hohlkreuz. Ruhen Sie sich zwischen den Durchgängen aus.",
    },
    "bird-dog": {
        "title": "Vierfüßler-Balance",
        "summary": "Eine Gleichgewichtsübung im Vierfüßlerstand, die gleichmäßig Kraft im Rücken aufbaut.",
        "steps": [
            "Gehen Sie in den Vierfüßlerstand und halten Sie den Rücken gerade.",
            "Schieben Sie ein Bein gestreckt am Boden entlang nach hinten und heben Sie es nur an, wenn es angenehm ist.",
            "Halten Sie die Position einige Sekunden und achten Sie darauf, dass die Hüfte waagerecht bleibt.",
            "Kehren Sie zurück und wiederholen Sie die Übung mit dem anderen Bein.",
            "Strecken Sie zusätzlich den gegenüberliegenden Arm nach vorn, sobald sich die Übung leicht anfühlt.",
        ],
        "precautions": "Halten Sie den Rücken ruhig und bewegen Sie sich langsam. Legen Sie bei Bedarf ein Kissen unter die Knie.",
    },
    # ------------------------------------------------------------------
    # Übungen: Oberschenkel
    # ------------------------------------------------------------------
    "hamstring-stretch": {
        "title": "Dehnung der hinteren Oberschenkel im Sitzen",
        "summary": "Eine Dehnung auf dem Stuhl für die Muskeln an der Rückseite des Oberschenkels.",
        "steps": [
            "Setzen Sie sich auf die vordere Kante eines stabilen Stuhls.",
            "Strecken Sie ein Bein vor sich aus, die Ferse auf dem Boden.",
            "Halten Sie den Rücken gerade und beugen Sie sich aus der Hüfte nach vorn, bis Sie eine leichte Dehnung spüren.",
            "Halten Sie die Position und wechseln Sie dann das Bein.",
        ],
        "precautions": "Nicht wippen und die Dehnung nicht erzwingen. Hören Sie auf, wenn Sie ein Kribbeln im Bein spüren.",
    },
    "quad-stretch": {
        "title": "Oberschenkeldehnung im Stehen",
        "summary": "Eine gestützte Dehnung für die großen Muskeln an der Vorderseite des Oberschenkels.",
        "steps": [
            "Stellen Sie sich neben eine Wand oder einen Stuhl und halten Sie sich daran fest.",
            "Beugen Sie ein Knie und führen Sie die Ferse in Richtung Gesäß.",
            "Halten Sie Ihren Knöchel fest oder legen Sie ein Handtuch als Schlaufe darum.",
            "Halten Sie die Knie nah beieinander und die Position, dann wechseln Sie das Bein.",
        ],
        "precautions": "Halten Sie sich immer an etwas Stabilem fest. Lassen Sie diese Übung aus, wenn sie Ihr Knie belastet, oder probieren Sie sie stattdessen in Seitenlage.",
    },
    "sit-to-stand": {
        "title": "Aufstehen und Hinsetzen",
        "summary": "Vom Stuhl aufstehen und sich wieder hinsetzen, um die Oberschenkel zu kräftigen.",
        "steps": [
            "Setzen Sie sich auf die vordere Kante eines stabilen Stuhls, die Füße hüftbreit auseinander.",
            "Beugen Sie sich leicht nach vorn und stehen Sie auf; nehmen Sie bei Bedarf die Hände zu Hilfe.",
            "Stehen Sie einen Moment aufrecht.",
            "Setzen Sie sich langsam und kontrolliert wieder hin.",
        ],
        "precautions": "Verwenden Sie einen Stuhl, der nicht wegrutscht, am besten an eine Wand gestellt. Ruhen Sie sich aus, wenn Ihre Beine zittrig werden.",
    },
    "wall-slide": {
        "title": "Kleine Kniebeuge an der Wand",
        "summary": "Eine kleine, gestützte Kniebeuge an der Wand, um die Oberschenkel zu kräftigen.",
        "steps": [
            "Stellen Sie sich mit dem Rücken an eine Wand, die Füße eine Schrittlänge nach vorn gesetzt.",
            "Rutschen Sie ein kurzes Stück nach unten und beugen Sie die Knie dabei nur leicht.",
            "Halten Sie die Position einige Sekunden; die Knie bleiben über den Zehen.",
            "Schieben Sie sich langsam wieder nach oben.",
        ],
        "precautions": "Beugen Sie die Knie nur wenig und hören Sie auf, wenn sie schmerzen. Halten Sie nicht die Luft an.",
    },
    # ------------------------------------------------------------------
    # Übungen: Ausdauer
    # ------------------------------------------------------------------
    "gentle-walk": {
        "title": "Gemütlicher Spaziergang",
        "summary": "Ein leichter Spaziergang in einem Tempo, bei dem Sie sich noch bequem unterhalten können.",
        "steps": [
            "Ziehen Sie gut stützende Schuhe und wettergerechte Kleidung an.",
            "Gehen Sie in den ersten Minuten langsam, um sich aufzuwärmen.",
            "Gehen Sie in einem leichten Tempo, bei dem Sie noch plaudern können.",
            "Werden Sie in den letzten Minuten langsamer und schließen Sie mit einer sanften Dehnung ab.",
        ],
        "precautions": "Halten Sie sich warm, denn Kälte kann Muskelschmerzen verstärken. Steigern Sie die Dauer jede Woche um wenige Minuten statt auf einmal.",
    },
    "gentle-swim": {
        "title": "Leichtes Schwimmen oder Wassergehen",
        "summary": "Sanftes Schwimmen oder Gehen in warmem Wasser, das den Körper trägt und die Muskeln entlastet.",
        "steps": [
            "Wählen Sie nach Möglichkeit ein warmes Becken.",
            "Gehen Sie zum Aufwärmen langsam durch den flachen Bereich.",
            "Schwimmen Sie oder gehen Sie im Wasser in entspanntem Tempo und ruhen Sie sich bei Bedarf am Beckenrand aus.",
            "Klingen Sie mit ein paar langsamen Bahnen oder sanften Dehnungen im Wasser aus.",
        ],
        "precautions": "Meiden Sie kaltes Wasser, da es die Muskeln verspannen kann. Verlassen Sie das Wasser und ruhen Sie sich aus, wenn Ihnen schwindelig wird oder Sie sehr erschöpft sind.",
    },
    "gentle-cycling": {
        "title": "Leichtes Radfahren",
        "summary": "Lockeres Treten auf einem Heimtrainer oder einer flachen Strecke, um die Ausdauer aufzubauen.",
        "steps": [
            "Stellen Sie den Sattel so ein, dass Ihr Knie am tiefsten Punkt jeder Pedalumdrehung nur leicht gebeugt ist.",
            "Treten Sie einige Minuten langsam mit wenig oder keinem Widerstand.",
            "Halten Sie ein leichtes, gleichmäßiges Tempo, bei dem Sie sich noch unterhalten könnten.",
            "Werden Sie in den letzten Minuten langsamer, bevor Sie aufhören.",
        ],
        "precautions": "Halten Sie den Widerstand niedrig und steigern Sie die Dauer langsam. Hören Sie auf, wenn Sie Schmerzen in der Brust, ein Schwächegefühl wie vor einer Ohnmacht oder ungewöhnliche Atemnot bemerken.",
    },
    # ------------------------------------------------------------------
    # Übungen: Haltung und Ergonomie
    # ------------------------------------------------------------------
    "posture-check": {
        "title": "Haltungs-Check",
        "summary": "Ein kurzes Neuausrichten Ihrer Sitz- oder Stehhaltung, um die tiefen Muskeln zu entlasten.",
        "steps": [
            "Stellen Sie beide Füße flach auf den Boden.",
            "Setzen Sie sich weit nach hinten auf den Stuhl, sodass Ihr unterer Rücken gestützt ist.",
            "Lassen Sie die Schultern sinken und locker von den Ohren weg fallen.",
            "Bringen Sie den Kopf zurück über die Schultern, das Kinn waagerecht.",
            "Atmen Sie in dieser Position zweimal langsam ein und aus.",
        ],
        "precautions": "Angenehm statt steif ist das Ziel. Keine Haltung ist perfekt – am wichtigsten ist es, die Position oft zu wechseln.",
    },
    "movement-break": {
        "title": "Bewegungspause",
        "summary": "Eine kurze Sitzpause, um aufzustehen, ein paar Schritte zu gehen und sich zu lockern.",
        "steps": [
            "Stehen Sie vom Stuhl auf oder ändern Sie Ihre Position.",
            "Gehen Sie durch den Raum oder holen Sie sich ein Glas Wasser.",
            "Kreisen Sie die Schultern einige Male langsam nach hinten.",
            "Strecken Sie die Arme sanft über den Kopf und setzen Sie sich dann wieder hin.",
        ],
        "precautions": "Bewegen Sie sich sanft und im angenehmen Bereich. Versuchen Sie, etwa alle 30 bis 45 Minuten im Sitzen eine solche Pause einzulegen.",
    },
    "workstation-setup": {
        "title": "Arbeitsplatz-Einstellung prüfen",
        "summary": "Schreibtisch, Stuhl und Bildschirm so einstellen, dass Ihr Körper nicht in ungünstigen Haltungen verharrt.",
        "steps": [
            "Stellen Sie den Bildschirm höher oder tiefer, sodass die Oberkante etwa auf Augenhöhe liegt.",
            "Stellen Sie Ihren Stuhl so ein, dass Ihre Füße flach aufstehen und die Knie etwa auf Hüfthöhe sind.",
            "Halten Sie Tastatur und Maus nah bei sich, damit die Ellbogen seitlich am Körper bleiben.",
            "Legen Sie ein Kissen oder ein gerolltes Handtuch hinter den unteren Rücken, wenn es Ihnen hilft.",
        ],
        "precautions": "Ändern Sie jeweils nur eine Sache und beobachten Sie einige Tage, wie es sich anfühlt. Fragen Sie an Ihrem Arbeitsplatz nach einer Arbeitsplatzbeurteilung, wenn Sie Hilfsmittel benötigen.",
    },
    # ------------------------------------------------------------------
    # Schlaf
    # ------------------------------------------------------------------
    "wind-down-routine": {
        "title": "Abendritual zum Runterkommen",
        "summary": "Eine ruhige halbe Stunde vor dem Schlafengehen, die Ihrem Körper signalisiert, dass es Zeit zum Ausruhen ist.",
        "steps": [
            "Dimmen Sie das Licht in Ihrer Wohnung.",
            "Wählen Sie eine ruhige Beschäftigung, etwa Lesen, leise Musik oder ein warmes koffeinfreies Getränk.",
            "Machen Sie ein paar sanfte Dehnungen oder langsame Atemzüge, wenn sich Ihre Muskeln verspannt anfühlen.",
            "Gehen Sie ins Bett, wenn Sie sich schläfrig fühlen.",
        ],
        "precautions": "Halten Sie das Ritual einfach und jeden Abend ähnlich. Vermeiden Sie in dieser Zeit anstrengenden Sport oder belastende Aufgaben.",
    },
    "fixed-wake-time": {
        "title": "Feste Aufstehzeit",
        "summary": "Jeden Tag zur gleichen Zeit aufstehen, um Ihre innere Uhr zu stabilisieren.",
        "steps": [
            "Wählen Sie eine Aufstehzeit, die Sie an allen Wochentagen einhalten können.",
            "Stellen Sie einen Wecker und stehen Sie auf, wenn er klingelt – auch nach einer schlechten Nacht.",
            "Öffnen Sie bald nach dem Aufwachen die Vorhänge oder gehen Sie hinaus ins Tageslicht.",
        ],
        "precautions": "Versuchen Sie, eine schlechte Nacht nicht durch langes Ausschlafen auszugleichen. Wenn Sie ein Nickerchen brauchen, halten Sie es kurz und legen Sie es vor den mittleren Nachmittag.",
    },
    "screens-off": {
        "title": "Bildschirme aus vor dem Schlafengehen",
        "summary": "Handy, Tablet und Fernseher eine Stunde vor dem Schlafengehen weglegen, damit Sie leichter müde werden.",
        "steps": [
            "Laden Sie Ihr Handy außerhalb des Schlafzimmers oder auf der anderen Seite des Raums.",
            "Schalten Sie Fernseher, Computer und Tablet aus.",
            "Ersetzen Sie die Bildschirmzeit durch ein Buch, Musik oder ein ruhiges Gespräch.",
        ],
        "precautions": "Wenn Sie Ihr Handy als Wecker nutzen, schalten Sie „Nicht stören“ ein und legen Sie es außer Reichweite.",
    },
    "bedroom-cool-dark-quiet": {
        "title": "Kühles, dunkles, ruhiges Schlafzimmer",
        "summary": "Ihr Schlafzimmer so einrichten, dass es angenehm zum Schlafen ist.",
        "steps": [
            "Öffnen Sie ein Fenster oder regeln Sie die Heizung, sodass der Raum kühl, aber nicht kalt ist.",
            "Schließen Sie Vorhänge oder Jalousien oder verwenden Sie eine Schlafmaske.",
            "Verringern Sie Geräusche oder nutzen Sie Ohrstöpsel oder einen Ventilator als gleichmäßiges Hintergrundgeräusch.",
            "Achten Sie darauf, dass Bett und Kissen Nacken und Rücken angenehm stützen.",
        ],
        "precautions": "Bleiben Sie ausreichend warm, denn Auskühlen kann Muskelschmerzen verstärken. Nutzen Sie lieber zusätzliche Kleidungsschichten oder Decken als ein sehr warmes Zimmer.",
    },
    "caffeine-cutoff": {
        "title": "Koffein-Stopp",
        "summary": "Ab dem frühen Nachmittag auf Koffein verzichten, damit es Sie nachts nicht wach hält.",
        "steps": [
            "Trinken Sie Ihren letzten Kaffee, Tee, Ihre letzte Cola oder Ihren letzten Energydrink bis zu dieser Uhrzeit.",
            "Wechseln Sie für den Rest des Tages zu Wasser oder koffeinfreien Getränken.",
            "Lesen Sie die Etiketten, denn auch manche Schokolade und manche Medikamente enthalten Koffein.",
        ],
        "precautions": "Wenn Sie viel Koffein zu sich nehmen, reduzieren Sie es schrittweise, um Kopfschmerzen zu vermeiden. Fragen Sie in der Apotheke nach, bevor Sie etwas an Ihren Medikamenten ändern.",
    },
    # ------------------------------------------------------------------
    # Wärme und Kälte
    # ------------------------------------------------------------------
    "warm-bath": {
        "title": "Warmes Bad oder warme Dusche",
        "summary": "Ein Bad in warmem Wasser, das steifen, schmerzenden Muskeln hilft, sich zu entspannen.",
        "steps": [
            "Lassen Sie ein Bad ein, das sich warm, aber nicht heiß anfühlt, und prüfen Sie die Temperatur mit dem Ellbogen oder einem Thermometer.",
            "Entspannen Sie sich im Wasser, lassen Sie die Muskeln locker und atmen Sie langsam.",
            "Steigen Sie vorsichtig aus und halten Sie sich dabei an etwas Stabilem fest.",
            "Trocknen Sie sich ab und halten Sie sich danach warm.",
        ],
        "precautions": "Das Wasser sollte warm, nicht heiß sein (prüfen Sie es mit dem Ellbogen; etwa Körpertemperatur genügt völlig), und bleiben Sie nicht länger als 20 Minuten darin. Steigen Sie aus, wenn Ihnen schwindelig oder schwach wird, achten Sie auf Ihr Gleichgewicht und fragen Sie vorher Ihre Ärztin oder Ihren Arzt, wenn Sie Herz- oder Blutdruckprobleme oder ein vermindertes Empfinden der Haut haben.",
    },
    "heat-pack": {
        "title": "Wärmekissen",
        "summary": "Eine kurze Anwendung sanfter Wärme auf einer steifen oder schmerzenden Stelle.",
        "steps": [
            "Erwärmen Sie das Kissen gemäß der Gebrauchsanweisung.",
            "Prüfen Sie die Temperatur zuerst an der Innenseite Ihres Handgelenks.",
            "Wickeln Sie es in ein Handtuch oder einen Bezug und legen Sie es auf die schmerzende Stelle.",
            "Nehmen Sie es nach der eingestellten Zeit ab und kontrollieren Sie Ihre Haut.",
        ],
        "precautions": "Wenden Sie es höchstens 15 bis 20 Minuten an, niemals auf tauber oder verletzter Haut und niemals im Schlaf. Hören Sie auf, wenn Ihre Haut stark gerötet, fleckig oder schmerzhaft wird.",
    },
    "cold-compress": {
        "title": "Kühlende Kompresse",
        "summary": "Ein eingewickeltes Kühlpack, das eine Stelle beruhigen kann, die sich nach einer Aktivität heiß oder überanstrengt anfühlt.",
        "steps": [
            "Wickeln Sie ein Kühlpack oder einen Beutel Tiefkühlerbsen in ein dünnes, feuchtes Tuch.",
            "Legen Sie es auf die schmerzende Stelle.",
            "Nehmen Sie es nach der eingestellten Zeit ab und lassen Sie Ihre Haut von selbst wieder warm werden.",
        ],
        "precautions": "Wenden Sie es höchstens 10 bis 15 Minuten an, niemals direkt auf nackter Haut, niemals auf tauber Haut und niemals im Schlaf. Wenn Kälte Ihre Schmerzen verstärkt, verwenden Sie stattdessen sanfte Wärme.",
    },
    # ------------------------------------------------------------------
    # Körper und Geist
    # ------------------------------------------------------------------
    "slow-breathing": {
        "title": "Langsames Atmen",
        "summary": "Einige Minuten langsames, gleichmäßiges Atmen, um den Körper zu beruhigen und Muskelverspannungen zu lösen.",
        "steps": [
            "Setzen oder legen Sie sich in eine bequeme Position.",
            "Legen Sie eine Hand auf Ihren Bauch.",
            "Atmen Sie sanft durch die Nase ein und zählen Sie dabei bis vier.",
            "Atmen Sie langsam durch den Mund aus und zählen Sie dabei bis sechs.",
            "Wiederholen Sie das in einem Tempo, das sich leicht anfühlt.",
        ],
        "precautions": "Erzwingen Sie den Atem nicht. Wenn Ihnen schwummrig wird, kehren Sie zur normalen Atmung zurück.",
    },
    "body-scan": {
        "title": "Body-Scan",
        "summary": "Die Aufmerksamkeit langsam durch den Körper wandern lassen, um Anspannung wahrzunehmen und zu lösen.",
        "steps": [
            "Legen Sie sich hin oder setzen Sie sich bequem und schließen Sie die Augen, wenn Sie möchten.",
            "Richten Sie Ihre Aufmerksamkeit auf Ihre Füße und nehmen Sie wahr, wie sie sich anfühlen.",
            "Lassen Sie Ihre Aufmerksamkeit langsam durch Beine, Rücken, Arme, Nacken und Kopf nach oben wandern.",
            "Lassen Sie jeden Bereich beim Ausatmen weicher werden.",
        ],
        "precautions": "Nehmen Sie Schmerzen wahr, ohne gegen sie anzukämpfen, und wechseln Sie zu einem anderen Bereich, wenn es Ihnen zu viel wird, sich darauf zu konzentrieren.",
    },
    "mindful-pause": {
        "title": "Achtsamkeitsübung",
        "summary": "Eine kurze, stille Übung, bei der Sie Ihre Aufmerksamkeit ruhig auf den gegenwärtigen Moment richten.",
        "steps": [
            "Setzen Sie sich bequem hin und stellen Sie einen sanften Timer.",
            "Lassen Sie Ihre Aufmerksamkeit auf dem Atem ruhen, wie er ein- und ausströmt.",
            "Wenn Ihre Gedanken abschweifen, bemerken Sie, wohin sie gewandert sind, und kehren Sie freundlich zum Atem zurück.",
            "Achten Sie zum Abschluss auf die Geräusche um Sie herum, bevor Sie aufstehen.",
        ],
        "precautions": "Beginnen Sie mit nur wenigen Minuten, wenn Ihnen zehn zu lang erscheinen. Eine angeleitete Aufnahme kann es leichter machen.",
    },
    "gentle-yoga": {
        "title": "Sanftes Yoga",
        "summary": "Langsames Yoga für Einsteiger, das leichte Dehnungen mit ruhigem Atmen verbindet.",
        "steps": [
            "Wählen Sie eine Yogastunde für Einsteiger oder Yoga auf dem Stuhl.",
            "Bewegen Sie sich langsam und atmen Sie die ganze Zeit gleichmäßig.",
            "Lassen Sie jede Haltung aus, die Schmerzen verursacht, oder führen Sie sie sanfter aus.",
            "Ruhen Sie sich am Ende einige Minuten im Liegen aus.",
        ],
        "precautions": "Meiden Sie Hot Yoga sowie tiefe oder erzwungene Haltungen. Erzählen Sie Ihrer Yogalehrerin oder Ihrem Yogalehrer von Ihren Muskelschmerzen.",
    },
    "tai-chi": {
        "title": "Tai-Chi",
        "summary": "Langsame, fließende Bewegungen, die Gleichgewicht, sanfte Kraft und innere Ruhe fördern.",
        "steps": [
            "Folgen Sie einem Einsteigerkurs oder einem Video.",
            "Stellen Sie sich mit locker gebeugten Knien und schulterbreit auseinanderstehenden Füßen hin.",
            "Bewegen Sie sich langsam und fließend im Rhythmus Ihres Atems.",
            "Halten Sie die Bewegungen klein, wenn Sie müde sind oder Schmerzen haben.",
        ],
        "precautions": "Stellen Sie sich zur Unterstützung neben einen Stuhl, wenn Ihr Gleichgewicht unsicher ist. Viele Bewegungen können Sie auch im Sitzen ausführen.",
    },
    # ------------------------------------------------------------------
    # Wissen
    # ------------------------------------------------------------------
    "pace-your-day": {
        "title": "Den Tag einteilen",
        "summary": "Den Tag so planen, dass Aktivität und Ruhe gleichmäßig verteilt sind.",
        "steps": [
            "Schreiben Sie die wichtigsten Aufgaben auf, die Sie heute erledigen möchten.",
            "Teilen Sie große Aufgaben in kleinere Abschnitte auf.",
            "Planen Sie kurze Pausen zwischen den Abschnitten ein, bevor Sie sich erschöpft fühlen.",
            "Wechseln Sie anstrengendere und leichtere Aufgaben ab.",
            "Notieren Sie am Ende des Tages, was gut funktioniert hat, für morgen.",
        ],
        "precautions": "Widerstehen Sie an einem guten Tag dem Drang, viel mehr als sonst zu tun. Gleichmäßige Anstrengung hilft, einen Schub am nächsten Tag zu vermeiden.",
    },
    "read-what-is-inomyalgia": {
        "title": "Lesen: Was ist Inomyalgie?",
        "summary": "Ein kurzer Text darüber, was der Begriff bedeutet und wie man damit umgeht.",
        "steps": [
            "Nehmen Sie sich einen ruhigen Moment und öffnen Sie das Thema.",
            "Lesen Sie es in Ihrem eigenen Tempo durch.",
            "Notieren Sie Fragen, die Sie Ihrer Ärztin oder Ihrem Arzt stellen möchten.",
        ],
        "precautions": "Diese Informationen sind allgemein und stellen keine Diagnose. Sprechen Sie mit Ihrer Ärztin oder Ihrem Arzt über Ihre persönliche Situation.",
    },
    "read-red-flags": {
        "title": "Lesen: Wann Sie ärztliche Hilfe brauchen",
        "summary": "Lernen Sie die Warnzeichen kennen, bei denen Sie sich schnell an eine Ärztin oder einen Arzt wenden sollten.",
        "steps": [
            "Öffnen Sie das Thema und lesen Sie die Liste der Warnzeichen.",
            "Speichern Sie die Telefonnummer Ihrer Arztpraxis und die örtliche Notrufnummer.",
            "Teilen Sie die Liste mit einem Ihnen nahestehenden Menschen.",
        ],
        "precautions": "Wenn Sie gerade eines dieser Warnzeichen haben, lesen Sie nicht weiter, sondern holen Sie sich ärztliche Hilfe.",
    },
    "plan-for-a-flare": {
        "title": "Einen Plan für Schübe erstellen",
        "summary": "Aufschreiben, was an einem schlechten Tag hilft, damit Sie in dem Moment nicht darüber nachdenken müssen.",
        "steps": [
            "Schreiben Sie die ersten Anzeichen auf, dass ein Schub beginnt.",
            "Notieren Sie zwei oder drei Dinge, die meist helfen, etwa Wärme, Ruhepausen oder langsames Atmen.",
            "Halten Sie fest, welche Aufgaben Sie weglassen oder bei welchen Sie andere um Hilfe bitten können.",
            "Planen Sie, wie Sie langsam zu Ihrem gewohnten Alltag zurückkehren.",
        ],
        "precautions": "Ein Plan für Schübe ersetzt keinen ärztlichen Rat. Wenden Sie sich an Ihre Ärztin oder Ihren Arzt, wenn ein Schub ungewöhnlich oder heftig ist oder länger dauert als erwartet.",
    },
    "reach-out-for-support": {
        "title": "Unterstützung suchen",
        "summary": "Ein kleiner Schritt, um mit jemandem in Kontakt zu treten, der Sie in Ihrer Gefühlslage unterstützen kann.",
        "steps": [
            "Überlegen Sie, wie Ihre Stimmung in dieser Woche war.",
            "Schreiben Sie einer Freundin oder einem Freund, einem Familienmitglied oder einer Selbsthilfegruppe oder rufen Sie an.",
            "Wenn gedrückte Stimmung oder Sorgen schwer zu bewältigen sind, notieren Sie das, um es bei Ihrer Ärztin oder Ihrem Arzt anzusprechen.",
        ],
        "precautions": "Wenn Sie Gedanken haben, sich selbst etwas anzutun, wenden Sie sich sofort an den Notruf oder ein Krisentelefon.",
    },
}
