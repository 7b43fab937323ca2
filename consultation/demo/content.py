"""Demo content: a realistic consultation, written for Coproduce (not quoted from any source).

Each clause is (key, heading, body_html, proposition, plain_summary). The key is only
used by the loader to find the same clause again; the public identity is the block id.
"""

# Demo accounts' addresses: a reserved domain that can never receive mail.
DEMO_EMAIL_DOMAIN = "demo.coproduce.invalid"

MAIN_SLUG = "employing-peer-support-workers"

MAIN_TITLE = "National guidance on employing peer support workers in mental health services"

MAIN_SUMMARY = (
    "A first national draft on how organisations recruit, train, support and pay peer "
    "support workers. Tell us, clause by clause, what works, what is missing and what "
    "would go wrong in practice."
)

MAIN_CLAUSES = [
    (
        "definition",
        "What peer support is",
        "<p>Peer support is help offered by someone who has lived through mental health "
        "challenges of their own, to someone going through something similar. Its strength "
        "is the relationship: two people learning from each other, neither holding the "
        "answers for the other.</p>"
        "<p>In this guidance, a <b>peer support worker</b> is a paid member of staff whose "
        "job is to use that experience on purpose. Their own experience is the main thing "
        "they draw on, not a professional qualification.</p>",
        "Peer support workers should be employed because of their lived experience, and "
        "that experience should be the main basis of their work.",
        "Peer workers are hired for what they have lived through, and they use it in their work.",
    ),
    (
        "professionals",
        "Professionals who also have lived experience",
        "<p>Many nurses, doctors, psychologists, social workers and therapists have their own "
        "experience of mental health challenges, and some choose to draw on it. That is "
        "welcome, but it does not make their post a peer role.</p>"
        "<p>A professional still carries the authority, duties and expertise of their "
        "profession. Organisations should not count such posts as peer support, and should "
        "not ask professionals to stand in for peer workers.</p>",
        "A professional post should not be counted as a peer support post, even when the "
        "person in it has lived experience.",
        "Having lived experience does not turn a nursing or therapy job into a peer job.",
    ),
    (
        "scope",
        "What peer support workers do",
        "<p>Peer support is defined more by how it is done than by a fixed list of tasks. A "
        "peer worker might help someone prepare for a ward round, go with them to a housing "
        "appointment, run a group, or simply spend time talking.</p>"
        "<p>Services should agree a role description with their peer workers that sets out "
        "the purpose of the role and the kinds of work it includes. Peer workers should not "
        "be used to fill gaps in other staffing, such as covering healthcare assistant "
        "duties on a short-staffed ward.</p>",
        "Peer roles should be described by their purpose and approach rather than by a "
        "fixed list of tasks.",
        "The job is about how you support people, not a checklist of duties.",
    ),
    (
        "training",
        "Training before and during the role",
        "<p>Every peer support worker should complete introductory training before working "
        "alone with people who use the service. It should cover the values of peer support, "
        "how to share your own story safely and helpfully, listening, boundaries, "
        "safeguarding, and looking after your own wellbeing.</p>"
        "<p>Training should be designed and delivered with experienced peer workers. A "
        "national standard for its content and a way of checking quality would let training "
        "taken in one organisation count in another.</p>",
        "There should be a national standard for peer support training, developed and "
        "delivered with experienced peer workers.",
        "Training should meet one national standard and be led by peers.",
    ),
    (
        "competencies",
        "Skills and how they are assessed",
        "<p>Peer workers need practical skills: building trust, using their own experience "
        "with purpose, supporting hope and choice, and working alongside a team without "
        "losing the peer approach.</p>"
        "<p>These skills should be written down as a short competency framework and assessed "
        "through observed practice and reflection, not only by written tests. Assessment "
        "should be supportive and should not become a barrier to people without formal "
        "qualifications.</p>",
        "Peer workers should be assessed against a shared competency framework, mainly "
        "through observed practice and reflection.",
        "Skills are checked by watching real work and talking it through, not exams.",
    ),
    (
        "specialist",
        "Peer support in specialist settings",
        "<p>Forensic services, acute inpatient wards, services for children and young "
        "people, and services for older people each raise the question of how close the "
        "shared experience needs to be.</p>"
        "<p>We propose that shared experience of mental health challenges is the core "
        "requirement, and that services may also look for experience of a particular "
        "setting, or a shared cultural background, where the people they support say it "
        "matters to them.</p>",
        "Peer workers in specialist settings should not be required to have used that "
        "specific kind of service themselves.",
        "You do not have to have been on a secure ward to be a peer worker on one.",
    ),
    (
        "supervision",
        "Supervision and support",
        "<p>Peer workers should have regular supervision that understands and protects the "
        "peer approach, alongside the line management everyone in the team receives. "
        "Without it, peer workers can drift into the habits of the service around them.</p>"
        "<p>Where possible, supervision should be provided by an experienced peer worker. "
        "Where that is not yet possible, organisations should arrange peer supervision "
        "from outside, and build up their own peer supervisors over time.</p>",
        "Peer support workers should receive supervision from an experienced peer worker, "
        "from inside or outside the organisation.",
        "Peer workers should be supervised by someone who has done the job.",
    ),
    (
        "careers",
        "Pay and career pathways",
        "<p>Many peer roles are paid at the lowest bands, with few senior posts above them. "
        "This makes it hard to stay in peer work and to grow peer leadership.</p>"
        "<p>Organisations should offer routes to senior peer worker, peer supervisor, peer "
        "trainer and peer leader roles, with pay that reflects responsibility. People who "
        "choose to move into other professions should be supported to do so, without that "
        "being the only way up.</p>",
        "There should be a peer career pathway up to senior and leadership roles, with pay "
        "to match.",
        "Peer workers should be able to progress and earn more while staying peer workers.",
    ),
    (
        "boundaries",
        "Restraint, medication and lone working",
        "<p>Whether peer workers should take part in restraint, give out medication or work "
        "alone in the community is one of the most debated questions in this field.</p>"
        "<p>We propose that peer workers are not asked to restrain people or to give out "
        "medication, because these acts can damage the trust that peer support depends on. "
        "Peer workers can help teams reduce restrictive practice by sharing how such "
        "practices feel to receive. Lone working follows the organisation's usual safety "
        "policy, applied with the peer worker's agreement.</p>",
        "Peer support workers should not take part in restraint or give out medication.",
        "Peer workers should not hold people down or hand out medicines.",
    ),
    (
        "readiness",
        "Getting an organisation ready",
        "<p>Peer roles work best where the whole organisation is ready for them. Before "
        "recruiting, an organisation should involve people who use its services, prepare "
        "the teams peer workers will join, agree how lived experience will be valued, and "
        "make sure reasonable adjustments and sickness policies fit the role.</p>"
        "<p>A named senior sponsor should be responsible for peer support and for hearing "
        "from peer workers about what gets in their way.</p>",
        "An organisation should complete a readiness review before it first employs peer "
        "support workers.",
        "Prepare teams and policies before the first peer worker starts.",
    ),
    (
        "community",
        "Peer support beyond employment",
        "<p>Paid peer roles are only one part of peer support. Self-help groups, community "
        "groups, online communities and peer-led organisations reach many people that "
        "services never will.</p>"
        "<p>Organisations that employ peer workers should know about these groups, help "
        "people find them, and support them without taking them over.</p>",
        "",
        "Peer support also happens outside services, and that should be respected.",
    ),
    (
        "review",
        "Keeping this guidance up to date",
        "<p>This guidance will be reviewed every two years, in the open, with the same mix "
        "of people who wrote it: people with lived experience, peer workers, families, "
        "employers, trainers, clinicians and commissioners.</p>",
        "This guidance should be reviewed in the open at least every two years.",
        "",
    ),
]

OTHER_DOCUMENTS = [
    {
        "slug": "peer-supervision-framework",
        "title": "A framework for peer supervision",
        "summary": (
            "How peer workers are supervised, who can supervise them, and how to grow peer "
            "supervisors. This round has closed and the draft is being revised."
        ),
        "window_days": (-120, -60),
        "is_concluded": False,
        "clauses": [
            (
                "purpose",
                "What peer supervision is for",
                "<p>Peer supervision is time to reflect on the work with someone who "
                "understands the peer approach from the inside.</p>",
                "Peer supervision should be separate from line management.",
                "",
            ),
            (
                "frequency",
                "How often",
                "<p>At least once a month, and more often in the first six months of a "
                "new role.</p>",
                "Peer workers should have supervision at least monthly.",
                "",
            ),
            (
                "growing",
                "Growing peer supervisors",
                "<p>Experienced peer workers who want to supervise others should be offered "
                "training and protected time to do it.</p>",
                "Organisations should fund training for peer supervisors.",
                "",
            ),
        ],
    },
    {
        "slug": "peer-support-children-young-people",
        "title": "Peer support in services for children and young people",
        "summary": (
            "How peer support can work safely and well with children, young people and "
            "their families. Feedback opens soon."
        ),
        "window_days": (21, 70),
        "is_concluded": False,
        "clauses": [
            (
                "who",
                "Who offers peer support to young people",
                "<p>Young adults who used mental health services when they were younger, "
                "and parents who have supported a child through them.</p>",
                "Peer workers in young people's services should be young adults themselves.",
                "",
            ),
            (
                "families",
                "Peer support for parents and carers",
                "<p>Parents and carers benefit from talking to others who have been where "
                "they are.</p>",
                "Services should offer peer support to parents and carers as well.",
                "",
            ),
        ],
    },
    {
        "slug": "shared-language-peer-roles",
        "title": "A shared language for peer roles",
        "summary": (
            "Agreed names and short descriptions for peer roles, so that job titles mean the "
            "same thing everywhere. This guidance is final."
        ),
        "window_days": (-300, -240),
        "is_concluded": True,
        "clauses": [
            (
                "titles",
                "Job titles",
                "<p>Use <i>peer support worker</i> for the core role, and <i>senior peer "
                "support worker</i>, <i>peer supervisor</i> and <i>peer leader</i> for roles "
                "above it.</p>",
                "Organisations should use these four job titles.",
                "",
            ),
        ],
    },
]

DEMO_PARTICIPANTS = [
    ("demo-river", "River", "lived_experience"),
    ("demo-sam-p", "Sam P", "peer_worker"),
    ("demo-harbour", "Harbour", "carer"),
    ("demo-dr-okafor", "Dr Okafor", "clinician"),
    ("demo-wren", "Wren", "employer"),
    ("demo-tutor-jay", "Tutor Jay", "trainer"),
    ("demo-ash", "Ash", "commissioner"),
    ("demo-morgan", "Morgan", "peer_worker"),
    ("demo-lee", "Lee", "lived_experience"),
    ("demo-quiet-fox", "Quiet Fox", "prefer_not_to_say"),
]

# Content notes on clauses some readers may find hard to read (shown before the clause,
# folded until the reader opens it).
CONTENT_NOTES = {"boundaries": "discusses restraint and being held down"}
