"""Plain-language learn topics about inomyalgia and self-management.

Pure data: no Flask, no I/O. Written in Inoplan's own words from a
general-audience source article. Inoplan never diagnoses and never
suggests medicine doses.
"""
from __future__ import annotations

DISCLAIMER: str = (
    "Inoplan helps you follow a self-care plan that you have agreed with your "
    "clinician. It cannot diagnose any condition and it is not a replacement "
    "for medical advice."
)

TOPICS: list[dict] = [
    {
        "slug": "what-is-inomyalgia",
        "title": "What is inomyalgia?",
        "summary": "A newer name for long-lasting pain that seems to come from deep inside the muscle fibres.",
        "sections": [
            {
                "heading": "Where the word comes from",
                "paragraphs": [
                    "The word is built from two parts. \"Ino\" comes from a Greek word meaning fibre or sinew, and \"myalgia\" is the usual medical word for a sore or aching muscle.",
                    "Joined together, the name points to pain that starts deep in the fibres of a muscle rather than near the surface.",
                ],
            },
            {
                "heading": "Why people use the term",
                "paragraphs": [
                    "Some people live with a deep muscle ache that goes on and on, and tests do not explain it. Having a clear name can make it easier to talk about and to plan care around.",
                    "The term is still fairly new. Most medical guidelines do not list it yet, so doctors may use words like myalgia, fibromyalgia or myofascial pain instead.",
                ],
            },
            {
                "heading": "What this means for you",
                "paragraphs": [
                    "The pain is real, even when scans and blood results look normal. It usually lasts a long time, but the right care and steady self-care can often make it milder and easier to live with.",
                    "Things usually go best when help starts early and brings together movement, sleep, stress care and advice from your health team.",
                ],
            },
        ],
    },
    {
        "slug": "symptoms",
        "title": "Common symptoms",
        "summary": "The deep ache, tiredness and stiffness people often describe, and how they can affect daily life.",
        "sections": [
            {
                "heading": "How it can feel",
                "paragraphs": [
                    "Many people describe a deep, steady ache in their muscles. It is not just surface soreness, and it is not only the normal stiffness you feel after a workout.",
                    "Larger muscle groups, such as the back, neck and thighs, can feel stiff and less bendy than they used to.",
                    "Muscles may be tender to touch, and some people notice a restless, fidgety feeling in them.",
                ],
            },
            {
                "heading": "Tiredness and weakness",
                "paragraphs": [
                    "Long-lasting tiredness is common, and muscles can feel weaker than normal.",
                    "Sitting still for a long time or getting cold often makes the pain worse.",
                ],
            },
            {
                "heading": "Sleep and mood",
                "paragraphs": [
                    "Pain can break up your sleep, and poor sleep can make pain feel stronger the next day.",
                    "Living with pain that does not go away can lead to worry, low mood or depression. This is a normal reaction to a hard situation, and help is available.",
                ],
            },
            {
                "heading": "The effect on daily life",
                "paragraphs": [
                    "These symptoms can make work, chores and hobbies harder to manage and enjoy.",
                    "Tracking how you feel in Inoplan can help you and your clinician spot patterns over time.",
                ],
            },
        ],
    },
    {
        "slug": "how-it-differs",
        "title": "How it differs from similar conditions",
        "summary": "How inomyalgia compares with fibromyalgia, myofascial pain syndrome, polymyalgia rheumatica and myositis.",
        "sections": [
            {
                "heading": "Fibromyalgia",
                "paragraphs": [
                    "Fibromyalgia is the best-known name for widespread muscle pain without a clear cause. It often comes with many tender spots, trouble thinking clearly (sometimes called brain fog) and poor sleep.",
                    "Inomyalgia is used for a narrower picture: a deep ache inside the muscle fibres that keeps going, sometimes without those other body-wide features.",
                ],
            },
            {
                "heading": "Myofascial pain syndrome",
                "paragraphs": [
                    "In myofascial pain syndrome, small tight knots called trigger points form in the muscle and cause pain.",
                    "Inomyalgia, as it is currently described, is not about these knots. The pain is spread through the muscle fibres and lasts a long time.",
                ],
            },
            {
                "heading": "Polymyalgia rheumatica and myositis",
                "paragraphs": [
                    "Polymyalgia rheumatica is an inflammatory condition that mostly affects older adults. Myositis means the muscle itself is inflamed.",
                    "Both can cause muscle pain, and so can some nerve-related conditions. However, they come from different processes in the body and need their own medical treatment.",
                    "This is one reason a clinician checks for these conditions before settling on a name for your pain.",
                ],
            },
        ],
    },
    {
        "slug": "causes",
        "title": "What might cause it",
        "summary": "The exact cause is still being studied, but several things are likely to play a part.",
        "sections": [
            {
                "heading": "Still being researched",
                "paragraphs": [
                    "Nobody knows for sure yet what causes inomyalgia. Researchers are still studying it.",
                    "What we know about other kinds of long-lasting muscle pain gives some useful clues.",
                ],
            },
            {
                "heading": "Strain, posture and movement",
                "paragraphs": [
                    "Doing the same movement again and again, for example at work, may cause tiny tears and irritation in the muscle.",
                    "Slouching or holding awkward positions can put extra load on the deepest muscles.",
                    "Not moving much can slowly weaken deep muscle tissue and leave it tense, stiff and sore.",
                ],
            },
            {
                "heading": "Stress and the mind",
                "paragraphs": [
                    "Stress hormones change the way muscles tighten and relax. When stress goes on for a long time, symptoms can get worse.",
                    "This does not mean the pain is \"all in your head\". It means caring for your stress levels is part of caring for your muscles.",
                ],
            },
            {
                "heading": "Genes and other health conditions",
                "paragraphs": [
                    "Some people may be more likely to develop it because of their genes.",
                    "Other illnesses can also lead to long-lasting muscle pain, such as joint and immune conditions, problems with how the body uses energy, or hormone imbalances. Your clinician can check for these.",
                ],
            },
        ],
    },
    {
        "slug": "diagnosis",
        "title": "How it is identified",
        "summary": "A clinician rules out other causes of muscle pain first; Inoplan itself cannot diagnose.",
        "sections": [
            {
                "heading": "Working it out with a clinician",
                "paragraphs": [
                    "There is no single test for inomyalgia. A clinician usually gets to it by ruling out other, better-known causes of muscle pain first.",
                    "If a deep, lasting ache is still the main problem after those checks, the term may fit. Inoplan cannot make this decision for you.",
                    "If your muscles keep hurting and nobody has found a reason, it is reasonable to ask your doctor about seeing a specialist in muscle and joint pain or in rheumatology.",
                ],
            },
            {
                "heading": "What the checks may include",
                "paragraphs": [
                    "Your clinician will likely ask about your health history and your pain: when it started, how long it lasts, and what makes it better or worse.",
                    "They may examine your muscles to feel for tender areas and to test how strong you are.",
                    "Blood tests can look for signs of inflammation, immune problems or issues with metabolism. Scans such as MRI or ultrasound are mostly used to rule out injury or serious illness.",
                ],
            },
            {
                "heading": "Why tests may look normal",
                "paragraphs": [
                    "Blood tests and scans do not prove you have inomyalgia. Their job is to make sure nothing else is causing the pain.",
                    "Normal results can feel frustrating, but they are useful. They help your team choose the safest plan for you.",
                ],
            },
        ],
    },
    {
        "slug": "physical-therapy",
        "title": "Movement and physical therapy",
        "summary": "Gentle stretching, strengthening and aerobic exercise help rebuild strength and ease stiffness.",
        "sections": [
            {
                "heading": "Why movement helps",
                "paragraphs": [
                    "When muscles are not used much, they get weaker and stiffer, and that can feed the pain. Regular, gentle activity helps turn this around.",
                    "Even a small amount of movement, done often, is worth more than a big effort now and then.",
                ],
            },
            {
                "heading": "Stretching and strengthening",
                "paragraphs": [
                    "Slow stretches for the back, neck and thighs can help muscles loosen and move more freely. Hold each stretch gently and never bounce.",
                    "Light strengthening work helps undo weakness. Start with a few easy repeats and add more only when your body is ready.",
                ],
            },
            {
                "heading": "Aerobic exercise",
                "paragraphs": [
                    "Walking, swimming and gentle cycling slowly build stamina and keep muscles healthy. Warm water can feel especially kind to sore muscles.",
                    "Begin with short sessions you can manage on a bad day, then add a few minutes at a time.",
                ],
            },
            {
                "heading": "Posture and set-up",
                "paragraphs": [
                    "Good posture and a well-arranged desk or workspace take strain off deep muscles. Short, regular breaks from sitting help too.",
                    "A physiotherapist can tailor exercises to you. Check any new exercise plan with your clinician, and stop if you feel sharp or unusual pain.",
                ],
            },
        ],
    },
    {
        "slug": "medications",
        "title": "Medicines",
        "summary": "Medicines can be part of some plans, but only your doctor or pharmacist can advise on them.",
        "sections": [
            {
                "heading": "Talk to your doctor",
                "paragraphs": [
                    "Some people use medicines as one part of their plan. Which ones, and how much, is a decision for you and your doctor or pharmacist.",
                    "Inoplan never suggests a medicine or a dose. If you take medicines, follow the instructions you were given by your doctor or pharmacist.",
                ],
            },
            {
                "heading": "Types your doctor may discuss",
                "paragraphs": [
                    "Doctors may talk about general types such as anti-inflammatory painkillers, medicines that relax tight muscles, and creams or gels put on the skin.",
                    "Some medicines first made for depression are also used to quieten long-lasting pain signals, even in people who are not depressed. Being offered one does not mean anyone thinks your pain is imagined.",
                    "Every medicine can have side effects and can mix badly with others. Always read the leaflet and ask before you start, stop or change anything.",
                ],
            },
            {
                "heading": "Medicines work best alongside self-care",
                "paragraphs": [
                    "Medicines are usually only one piece of the picture. Movement, sleep, stress care and pacing still matter a great deal.",
                ],
            },
        ],
    },
    {
        "slug": "lifestyle-and-sleep",
        "title": "Daily habits and sleep",
        "summary": "Regular activity and good sleep habits help break the cycle of pain, tiredness and stress.",
        "sections": [
            {
                "heading": "Keep gently active",
                "paragraphs": [
                    "Moving a little every day, even at a moderate level, is one of the most helpful things you can do for your health.",
                    "Long spells of sitting still can make stiffness and pain worse, so try to change position often.",
                ],
            },
            {
                "heading": "Why sleep matters",
                "paragraphs": [
                    "Pain disturbs sleep, and poor sleep makes pain and tiredness harder to cope with. Improving sleep is a key way to break this loop.",
                    "Small, steady habits usually help more than big changes made all at once.",
                ],
            },
            {
                "heading": "Sleep habits to try",
                "paragraphs": [
                    "Get up at the same time every day, including weekends. This helps set your body clock.",
                    "Give yourself a calm wind-down time before bed, and put screens away for the last hour.",
                    "Keep your bedroom cool, dark and quiet, and avoid tea, coffee, cola and energy drinks from early afternoon.",
                ],
            },
        ],
    },
    {
        "slug": "heat-and-cold",
        "title": "Using heat and cold safely",
        "summary": "Warmth and cool packs can bring short-term relief when used carefully.",
        "sections": [
            {
                "heading": "How heat can help",
                "paragraphs": [
                    "Warmth often helps stiff, achy muscles relax, and cold tends to make this kind of pain worse. A warm bath or a heat pack can give some short-term relief.",
                    "Keep a heat pack on for no more than 15 to 20 minutes at a time, with a cloth between it and your skin. A bath should feel warm, not hot.",
                ],
            },
            {
                "heading": "When cold may help",
                "paragraphs": [
                    "A cool compress can soothe an area that feels hot or strained after activity. Wrap it in a thin cloth and use it for 10 to 15 minutes at most. If cold makes your pain worse, use gentle warmth instead.",
                    "Never put ice straight onto bare skin.",
                ],
            },
            {
                "heading": "Stay safe",
                "paragraphs": [
                    "Always check the temperature first, and do not use heat or cold on skin that is numb, broken or has poor feeling.",
                    "Never fall asleep with a heat pack or cold pack on. Check your skin often and stop if it becomes very red, blotchy, blistered or painful.",
                    "If you have diabetes, circulation problems or nerve damage, ask your clinician before using heat or cold.",
                ],
            },
        ],
    },
    {
        "slug": "mind-body",
        "title": "Mind-body practices",
        "summary": "Calm breathing, mindfulness and gentle movement practices can ease stress and soften the pain response.",
        "sections": [
            {
                "heading": "Why the mind and body are linked",
                "paragraphs": [
                    "Stress keeps muscles tense and can make pain signals louder. Calming the mind can help the body relax too.",
                    "These practices do not mean the pain is imagined. They are tools to help your nervous system settle.",
                ],
            },
            {
                "heading": "Practices to try",
                "paragraphs": [
                    "Slow breathing, a body scan and mindfulness meditation are simple ways to start. A few minutes a day is enough to begin with.",
                    "Gentle yoga and tai chi mix slow movement with calm breathing. Choose beginner classes or videos and skip any pose that hurts.",
                ],
            },
            {
                "heading": "Making it a habit",
                "paragraphs": [
                    "Practising at the same time each day makes it easier to remember. Many people like a short session before bed.",
                    "Do not worry if your mind wanders. Noticing and gently coming back is the practice.",
                ],
            },
        ],
    },
    {
        "slug": "complementary-therapies",
        "title": "Complementary therapies",
        "summary": "Some people find extra therapies such as massage or water therapy helpful alongside their main plan.",
        "sections": [
            {
                "heading": "What some people try",
                "paragraphs": [
                    "Acupuncture, exercise in warm water (hydrotherapy), massage and gentle hands-on therapy help some people feel better.",
                    "Results differ from person to person, so what helps one person may not help another.",
                ],
            },
            {
                "heading": "Food and nutrition",
                "paragraphs": [
                    "A dietitian or nutrition adviser can look at what you eat. Your clinician can also check whether you are low in any vitamins or minerals.",
                ],
            },
            {
                "heading": "Choosing safely",
                "paragraphs": [
                    "Use qualified, registered practitioners, and tell them about your condition and any medicines you take.",
                    "Talk to your clinician before starting something new, and be careful with anything that promises a quick cure.",
                ],
            },
        ],
    },
    {
        "slug": "psychological-support",
        "title": "Emotional and psychological support",
        "summary": "Living with ongoing pain is hard, and support for your feelings is a normal part of good care.",
        "sections": [
            {
                "heading": "Pain affects how you feel",
                "paragraphs": [
                    "Pain that lasts a long time often brings worry, low mood or depression. You are not weak for feeling this way.",
                    "Stress and low mood can also make pain flare, so looking after your mind helps your body too.",
                ],
            },
            {
                "heading": "Kinds of help",
                "paragraphs": [
                    "Talking therapies such as cognitive behavioural therapy (CBT) can teach practical ways to cope with pain and stress.",
                    "Counselling, pain-management programmes and support groups can help you feel less alone.",
                    "Ask your clinician what is available near you. Care works best when your physical and emotional needs are looked after together.",
                ],
            },
            {
                "heading": "If you feel unsafe",
                "paragraphs": [
                    "If you have thoughts of harming yourself, contact emergency services or a crisis line straight away. You deserve help right now.",
                ],
            },
        ],
    },
    {
        "slug": "pacing",
        "title": "Pacing your day",
        "summary": "Spreading activity evenly through the day helps you avoid the boom-and-bust cycle of overdoing it then crashing.",
        "sections": [
            {
                "heading": "What pacing means",
                "paragraphs": [
                    "Pacing means doing a steady amount of activity each day, rather than a lot on good days and very little on bad days.",
                    "Pushing hard on a good day can lead to a flare that wipes out the next few days. Pacing helps smooth out these ups and downs.",
                ],
            },
            {
                "heading": "How to pace",
                "paragraphs": [
                    "Break big jobs into smaller pieces and take short rests between them, before you feel worn out.",
                    "Plan your day with a mix of harder and easier tasks. Alternate sitting, standing and moving.",
                ],
            },
            {
                "heading": "Building up slowly",
                "paragraphs": [
                    "Find an amount of activity you can manage even on a harder day. Use that as your starting point.",
                    "Increase it by a small amount every week or two, as long as your symptoms stay settled.",
                ],
            },
        ],
    },
    {
        "slug": "faq",
        "title": "Frequently asked questions",
        "summary": "Short, plain answers to questions people often ask about inomyalgia.",
        "sections": [
            {
                "heading": "Is it the same as fibromyalgia, or anything else?",
                "paragraphs": [
                    "No. Fibromyalgia usually involves pain all over the body plus things like brain fog and tiredness. Inomyalgia describes a deep, lasting ache in the muscle fibres, which may happen without those other features.",
                    "This also means a person can have inomyalgia without having fibromyalgia.",
                    "Myofascial pain syndrome, polymyalgia rheumatica, myositis and nerve pain can seem alike. Each has its own cause and pattern, which is why a clinician checks for them.",
                ],
            },
            {
                "heading": "Is it a psychological problem?",
                "paragraphs": [
                    "No. It is mainly a physical pain condition. Stress and mood can make it worse, so caring for your mental health is still an important part of managing it.",
                ],
            },
            {
                "heading": "How is it diagnosed, and do tests help?",
                "paragraphs": [
                    "A clinician rules out other known causes of muscle pain and looks at whether a deep, lasting ache remains. Blood tests and scans cannot confirm inomyalgia, but they help rule out other illnesses.",
                ],
            },
            {
                "heading": "How is it managed, and what comes next?",
                "paragraphs": [
                    "Most plans combine physical therapy, slowly increasing exercise, good sleep, stress care and, where a doctor thinks it right, medicines.",
                    "Good posture, staying active and handling stress may lower your risk. Not every case can be prevented, especially when genes or another illness play a part.",
                    "If research shows it is truly different from other pain conditions, clearer definitions will probably follow. That would make it easier for patients and clinicians to talk about it and treat it.",
                ],
            },
        ],
    },
    {
        "slug": "red-flags",
        "title": "When to get medical help",
        "summary": "Warning signs that mean you should stop self-care and contact a doctor quickly, or call emergency services.",
        "sections": [
            {
                "heading": "Call emergency services now",
                "paragraphs": [
                    "Call your local emergency number if you have chest pain, trouble breathing or sudden severe breathlessness.",
                    "Also call for help straight away if you suddenly cannot move an arm or leg, or one side of your face or body goes weak or numb.",
                    "Back pain with any of these needs emergency care today: new trouble controlling your bladder or bowel, numbness around your genitals or buttocks, or weakness in both legs. Stop your exercises and call your emergency number or go to an emergency department now.",
                ],
            },
            {
                "heading": "If you have thoughts of harming yourself",
                "paragraphs": [
                    "If you have thoughts of harming yourself, or feel that life is not worth living, please talk to someone now. Call a crisis line (the buttons at the top of this page), or your emergency number if you are in danger.",
                    "You can also tell your doctor or physiotherapist. You do not have to wait until it gets worse.",
                ],
            },
            {
                "heading": "Contact a doctor the same day",
                "paragraphs": [
                    "Get urgent medical advice if you notice sudden or quickly worsening muscle weakness, or new numbness or tingling.",
                    "Seek help promptly for a fever with muscle pain, or new severe pain that is very different from your usual pain.",
                    "Dark, tea- or cola-coloured urine after exercise or heavy effort can be a sign of muscle damage. Stop exercising and get medical help quickly.",
                    "See a doctor the same day if you have a new headache, a tender scalp, pain in your jaw when you chew, or any change in your vision, especially if you are over 50. These signs need checking quickly because they can threaten your sight.",
                ],
            },
            {
                "heading": "See a doctor soon",
                "paragraphs": [
                    "If you are over 50 and have new pain and stiffness in both shoulders or both hips, worst in the morning, book an appointment with a doctor within a few days. It can feel like muscle pain but may be a different condition (polymyalgia rheumatica) that needs its own treatment.",
                ],
            },
            {
                "heading": "Book a check-up",
                "paragraphs": [
                    "Speak to your clinician if your symptoms keep getting worse, if you lose weight without trying, or if your plan no longer seems to help.",
                    "Inoplan cannot judge how serious a symptom is. If you are unsure, it is always fine to ask a health professional.",
                ],
            },
        ],
    },
]
