"""Hand-written facts about the 13 tools, counted from the print edition and tools/*.yml — never
computed by macros/ — for tests to hold the code's output against. If a definition changes on
purpose, change the fact here too; if the code changes by mistake, a test fails.

A table's fields count once per cell: Tool 6's worksheet prints 5 rows of 3 columns (15 fields)
and takes up to 20 rows (60)."""

from __future__ import annotations

# slug: (answerable fields as printed, fields with every table at its maximum rows,
#        the printed fields by kind)
FIELDS = {
    "01-data-based-decision-making": (36, 36, {"text": 11, "date": 11, "long_text": 14}),
    "02-safe-secure-environment": (22, 22, {"radio": 20, "long_text": 2}),  # 20 items + 2 Notes
    "03-policy-procedure-workflow-review": (14, 14, {"radio": 14}),
    "04-trained-responsive-workforce": (11, 11, {"radio": 11}),
    "05-partner-organizations": (20, 20, {"radio": 20}),
    "06-community-engagement": (15, 60, {"text": 10, "long_text": 5}),
    "07-motivational-interviewing": (3, 3, {"long_text": 3}),
    "08-integration-worksheet": (90, 321, {"text": 66, "date": 7, "long_text": 16, "radio": 1}),
    "09-organizational-assessment": (44, 44, {"radio": 42, "long_text": 2}),  # 42 criteria
    "10-gain-commitment": (33, 127, {"text": 17, "long_text": 16}),
    "11-build-consensus": (13, 13, {"long_text": 2, "checkbox": 11}),
    "12-operational-plan": (92, 224, {"text": 76, "radio": 8, "long_text": 8}),
    "13-evaluation-template": (23, 87, {"text": 18, "long_text": 5}),
}

# The tables a user can add rows to: slug -> [(table id, rows printed, max rows, columns)].
# Tables printed at their maximum (Tool 10's three key points, Tool 12's four ideas) take none.
GROWABLE_ROWS = {
    "06-community-engagement": [("targets", 5, 20, 3)],
    "08-integration-worksheet": [
        ("leadership_buy_in", 5, 20, 2),
        ("team_roster", 6, 30, 4),
        ("health_partners", 5, 20, 3),
        ("community_conversations", 5, 20, 2),
        ("leadership_commitment", 5, 20, 2),
    ],
    "10-gain-commitment": [("stakeholders", 5, 20, 2), ("messages", 4, 20, 4)],
    "12-operational-plan": [
        (f"idea_{n}_{table}", printed, 10, columns)
        for n in range(1, 5)
        for table, printed, columns in (("actions", 4, 2), ("partners", 3, 3))
    ],
    "13-evaluation-template": [("evaluation", 4, 20, 4)],
}

# The first growable table of each of those tools, as the page names it: its title (the
# block's label; UNLABELLED_TABLES where none is printed) and its first column (id, label).
FIRST_GROWABLE = {
    "06-community-engagement": (
        "Community Engagement Worksheet",
        "partners",
        "Which partner organization(s) are you targeting?",
    ),
    "08-integration-worksheet": (
        "Identify who the implementation lead needs to talk with to get buy-in among leadership "
        "to start implementing PS-COPE.",
        "leader",
        "Leadership",
    ),
    "10-gain-commitment": (
        "Who are the main stakeholders? What are their interests, needs, concerns, and wants?",
        "stakeholder",
        "Stakeholder",
    ),
    "12-operational-plan": (
        "Idea #1: What actions do you need to take to achieve this goal, by when?",
        "action",
        "What actions do you need to take to achieve this goal, by when?",
    ),
    "13-evaluation-template": ("Evaluation Template", "question", "Evaluation Questions"),
}

# The tables printed with no label above them, as the page names them: after the worksheet or
# section they alone fill, else after what their first column asks for.
ACTIONS = "What actions do you need to take to achieve this goal, by when?"
UNLABELLED_TABLES = {
    "06-community-engagement": {"targets": "Community Engagement Worksheet"},
    "10-gain-commitment": {"messages": "Section 2: Message Development"},
    "12-operational-plan": {
        "ideas": "Idea",
        **{f"idea_{n}_actions": f"Idea #{n}: {ACTIONS}" for n in range(1, 5)},
    },
    "13-evaluation-template": {"evaluation": "Evaluation Template"},
}
