"""Demo question bank for the scenario quizzes: “Dissolve, merge or keep” work groups.

Pure data, drawn from the paperless-office case (courses/seeds/paperless-office.*.txt) and the
decision frame in DESIGN.md. QUESTIONS_EN and QUESTIONS_ZH hold the same questions in the same
order, with the same keys, kinds, competencies and correct answers.

Question kinds: "single" and "multiple" (options), "decision" (dissolve / merge / keep plus one
correct reason out of four) and "written" (reference answer plus rubric). "part" is the numbered
part of the case analysis a question draws on (0 = the case question itself).
"""

from __future__ import annotations

QUESTIONS_EN: list[dict] = [
    {
        "key": "community-block-groups",
        "kind": "decision",
        "competencies": ["situation", "public"],
        "part": 4,
        "unit_kind": "community",
        "prompt": (
            "**Heping Road Community** neighbourhood committee serves about 4,200 households in 18 "
            "residential blocks. It runs 18 block groups (one per block, 150–300 residents each, "
            "looked after by the block leader and one community worker), plus one group for its 11 "
            "staff. Residents use the block groups to report burst pipes, broken lifts and noise "
            "disputes, and the committee posts policy notices there, such as medical-insurance "
            "enrolment deadlines. Staff say answering messages takes time, and several groups have "
            "filled up with advertising and off-topic chat. The street office has asked every unit "
            "to review its work groups.\n\n"
            "What should the committee do with its block groups?"
        ),
        "decision": "keep",
        "decision_feedback": {
            "dissolve": (
                "Wrong for this unit. The block groups are how residents reach the committee and "
                "how policy reaches them; dissolving them cuts a live channel to 4,200 households "
                "and pushes problems back onto phone calls and door-to-door visits."
            ),
            "merge": (
                "Not the best choice. One huge group for 4,200 households would bury each block's "
                "problems in noise; dividing groups by area is exactly what makes management "
                "easier and service precise."
            ),
            "keep": (
                "Right. A community's main work is with residents, and these groups collect their "
                "demands and spread policy. Keep them and organise them (group rules, a named "
                "responder for each block, no advertising) rather than cutting them."
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": (
                    "More groups show that the committee does a lot of online work, which looks "
                    "good in evaluations."
                ),
                "correct": False,
                "feedback": (
                    "Counting groups as proof of work is itself formalism; the number of groups "
                    "says nothing about the quality of service."
                ),
            },
            {
                "key": "r2",
                "text": (
                    "Residents would complain if the groups disappeared, so it is safer not to "
                    "touch them."
                ),
                "correct": False,
                "feedback": (
                    "Avoiding complaints is not the test, and the groups still need tidying up. "
                    "Keep them because they serve residents, and still deal with the noise and the "
                    "workload."
                ),
            },
            {
                "key": "r3",
                "text": (
                    "The groups are the committee's main channel for residents' demands and policy "
                    "notices, and one group per block keeps the service targeted."
                ),
                "correct": True,
                "feedback": (
                    "These block groups are exactly the case the analysis describes: in units that "
                    "deal with the public, groups collect real demands first-hand and spread good "
                    "policies, and dividing them by area makes service precise."
                ),
            },
            {
                "key": "r4",
                "text": (
                    "The street office requires every community to keep at least one group per "
                    "block."
                ),
                "correct": False,
                "feedback": (
                    "No indicator should decide this, in either direction. The groups are kept "
                    "because of what they do for residents, not to meet a number set from above."
                ),
            },
        ],
    },
    {
        "key": "county-archives-overlapping-groups",
        "kind": "decision",
        "competencies": ["situation", "measures"],
        "part": 4,
        "unit_kind": "office",
        "prompt": (
            "The **county archives office** has 14 staff and almost no contact with the public; "
            "its users are other government departments. Over three years it has built up nine "
            "WeChat groups: “all staff”, “office affairs”, “party branch”, “trade union”, "
            "“digitisation project”, “safety duty”, “study”, “notices” and “leaders' "
            "instructions”. Twelve to fourteen of the same people are in every one, and the same "
            "notice is often posted in three or four of them, so staff scroll through every group "
            "to be sure they have missed nothing. Real work, such as transfer schedules and "
            "digitisation progress, is scattered across the groups.\n\n"
            "What should the office do with its groups?"
        ),
        "decision": "merge",
        "decision_feedback": {
            "dissolve": (
                "Too blunt. The office still needs a channel for duty arrangements and the "
                "digitisation work; dissolving everything would only push the same messages into "
                "phone calls and private chats."
            ),
            "merge": (
                "Right. The office has little external work and its groups duplicate each other "
                "with the same members; merging them into one or two (say, a work group and a "
                "party-branch group) lifts the burden without harming the work."
            ),
            "keep": (
                "Wrong for this unit. Nine overlapping groups with the same 14 people mean "
                "repeated posting and checking, exactly the useless workload that burden reduction "
                "targets."
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": (
                    "The groups have the same members and repeat the same notices, and the office "
                    "has little external work, so fewer groups will not harm the work."
                ),
                "correct": True,
                "feedback": (
                    "The analysis says units with less external work can streamline groups as long "
                    "as the work is not affected; duplicated groups with the same members are the "
                    "clearest case."
                ),
            },
            {
                "key": "r2",
                "text": (
                    "Archives work is confidential, so it should not be discussed in any group."
                ),
                "correct": False,
                "feedback": (
                    "Confidential material should never go into a chat group anyway, but that is a "
                    "separate rule; it does not explain why nine groups should become one or two."
                ),
            },
            {
                "key": "r3",
                "text": "Fewer groups always means less burden.",
                "correct": False,
                "feedback": (
                    "Not always: in a community or window unit, cutting groups can add to the "
                    "burden and hurt the public. It helps here because these groups are duplicates."
                ),
            },
            {
                "key": "r4",
                "text": "The county has set a limit on the number of groups each unit may have.",
                "correct": False,
                "feedback": (
                    "A target from above is not a reason. Streamlining is right here because of "
                    "the office's own situation, and would be right without any indicator."
                ),
            },
        ],
    },
    {
        "key": "checkin-screenshot-groups",
        "kind": "decision",
        "competencies": ["formalism", "measures"],
        "part": 1,
        "unit_kind": "township",
        "prompt": (
            "The government of **Baishui Township** has 46 staff. Apart from its working groups, "
            "it runs three groups created last year. In “morning sign-in” everyone posts a selfie "
            "with a location stamp by 8:30. In “study points” everyone posts a daily screenshot of "
            "their score on a study app. In “field work” staff post photos of themselves on "
            "village visits. The office compiles all the screenshots into a weekly ranking. "
            "Attendance is already recorded by the door card machine, and village visits are "
            "recorded in the work log. Staff say they spend 20–30 minutes a day taking and posting "
            "screenshots. No one outside the township government uses these groups.\n\n"
            "What should the township do with these three groups?"
        ),
        "decision": "dissolve",
        "decision_feedback": {
            "dissolve": (
                "Right. These groups exist only for check-ins and screenshots; attendance and "
                "visits are already recorded elsewhere, so removing them harms no work and frees "
                "time for real tasks."
            ),
            "merge": (
                "Not enough. Merging three screenshot groups into one keeps the daily screenshot "
                "routine; the problem is the check-in practice itself, not the number of groups."
            ),
            "keep": (
                "Wrong. Screenshot rankings measure visible traces, not results; keeping them "
                "keeps the formalism that burden reduction is meant to remove."
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "Groups with many members are always a burden.",
                "correct": False,
                "feedback": (
                    "Size is not the test: block groups with hundreds of residents can be well "
                    "worth keeping. These go because of what they are used for."
                ),
            },
            {
                "key": "r2",
                "text": "The township must cut three groups to meet the county's target.",
                "correct": False,
                "feedback": (
                    "Acting only to hit a number is itself formalism. Dissolving is right here "
                    "because the groups are nothing but check-ins."
                ),
            },
            {
                "key": "r3",
                "text": "Staff dislike the groups, so they should go.",
                "correct": False,
                "feedback": (
                    "Staff preference is not the criterion; the point is that the groups serve no "
                    "work and duplicate existing records."
                ),
            },
            {
                "key": "r4",
                "text": (
                    "The groups only produce check-in screenshots that duplicate existing records, "
                    "and no work or service depends on them."
                ),
                "correct": True,
                "feedback": (
                    "This is the case the analysis points to: groups created for online office "
                    "that add workload without serving any work, which can be removed without "
                    "harming the work."
                ),
            },
        ],
    },
    {
        "key": "window-service-centre-requests",
        "kind": "decision",
        "competencies": ["public", "situation"],
        "part": 4,
        "unit_kind": "window",
        "prompt": (
            "The **county government service centre** has 26 windows for social insurance, the "
            "housing provident fund, business registration and civil affairs. Besides one staff "
            "group, it runs 9 service groups, one per service line, for residents and businesses "
            "with an application in progress (about 3,000 members in all); two window staff look "
            "after each group. People use them to ask which documents to bring, to report system "
            "outages and to hear about new rules, and the centre posts reminders and policy "
            "changes. A new county directive tells units to “reduce work groups to reduce the "
            "burden”.\n\n"
            "What should the centre do with its 9 service groups?"
        ),
        "decision": "keep",
        "decision_feedback": {
            "dissolve": (
                "Wrong. A window unit deals with the public; these groups are where applicants' "
                "questions arrive first and where rule changes reach them. Dissolving them would "
                "send people back to queues and repeat trips."
            ),
            "merge": (
                "Not the best choice. Merging nine service lines into one group would mix pension "
                "questions with business-registration questions and make answers slower and less "
                "precise; dividing groups by need is what makes the service accurate."
            ),
            "keep": (
                "Right. The groups collect applicants' demands and spread policy, which is the "
                "centre's main job. Keep them and keep them orderly, with named staff on duty and "
                "common answers pinned."
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": (
                    "A service centre has to show that it is paperless, and keeping the groups "
                    "proves it."
                ),
                "correct": False,
                "feedback": (
                    "Groups are not kept to show off online office; they are kept because they "
                    "solve people's problems."
                ),
            },
            {
                "key": "r2",
                "text": (
                    "The centre's main work is serving the public, and groups divided by service "
                    "let staff hear requests quickly and answer them precisely."
                ),
                "correct": True,
                "feedback": (
                    "This matches the analysis: window units need to understand people's real "
                    "demands first-hand and publicise policy, and groups set up by need make "
                    "service precise."
                ),
            },
            {
                "key": "r3",
                "text": (
                    "The directive only covers internal staff groups, so groups with the public "
                    "are automatically exempt."
                ),
                "correct": False,
                "feedback": (
                    "The directive sets no such label. What matters is the specific situation: "
                    "what each group does and whether cutting it would harm the work."
                ),
            },
            {
                "key": "r4",
                "text": "Service groups cost the staff nothing, so they are never a burden.",
                "correct": False,
                "feedback": (
                    "They do take staff time. The point is that the time goes into residents' real "
                    "demands, which is the work itself, not useless workload."
                ),
            },
        ],
    },
    {
        "key": "township-finance-oa-duplicates",
        "kind": "decision",
        "competencies": ["measures", "formalism"],
        "part": 4,
        "unit_kind": "township",
        "prompt": (
            "The **finance office of Qingshi Township** has 7 staff. Last year the township "
            "introduced an official OA system: documents, reimbursement approvals and deadline "
            "reminders are all issued and tracked there. Yet the office still runs four groups, "
            "“finance notices”, “reimbursement”, “budget deadlines” and “finance all”, each with "
            "the same 7 staff plus the township's 18 village accountants. Every OA document is "
            "also posted in one or more of these groups with “please reply ‘received’”, and the "
            "accountants must confirm in both places. The accountants do sometimes use the groups "
            "to ask quick bookkeeping questions.\n\n"
            "What should the office do with its four groups?"
        ),
        "decision": "merge",
        "decision_feedback": {
            "dissolve": (
                "Too far. The village accountants use the groups for quick bookkeeping questions, "
                "a real need the OA system does not serve; dissolving everything would remove it."
            ),
            "merge": (
                "Right. The OA system already carries documents and approvals, so the four groups "
                "duplicate it. Merge them into one question-and-answer group with the accountants "
                "and stop re-posting OA items and collecting “received” replies."
            ),
            "keep": (
                "Wrong. Posting every OA document again and demanding two confirmations is "
                "duplicated work and formalism; keeping four groups preserves exactly that."
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": (
                    "The township's leaders want a smaller number of groups in the year-end report."
                ),
                "correct": False,
                "feedback": (
                    "Cutting numbers for a report is the indicator-driven thinking the analysis "
                    "warns against; the reason is the duplication with OA."
                ),
            },
            {
                "key": "r2",
                "text": (
                    "The groups duplicate the official OA system, so documents should stay in OA, "
                    "and one group is enough for the remaining quick questions."
                ),
                "correct": True,
                "feedback": (
                    "Removing duplicated work is one of the analysis's measures; one group keeps "
                    "the real use (questions) and drops the duplication."
                ),
            },
            {
                "key": "r3",
                "text": "Two confirmations make sure nobody misses a deadline.",
                "correct": False,
                "feedback": (
                    "Double confirmation is duplicated work, not a safeguard; the OA system "
                    "already tracks deadlines and whether documents have been read."
                ),
            },
            {
                "key": "r4",
                "text": "Finance work is internal, so a finance office never needs any group.",
                "correct": False,
                "feedback": (
                    "Too absolute: the accountants' questions are real work. Decide by what the "
                    "groups actually do, not by a rule for a whole type of office."
                ),
            },
        ],
    },
    {
        "key": "village-flood-warning-group",
        "kind": "decision",
        "competencies": ["public", "situation"],
        "part": 4,
        "unit_kind": "village",
        "prompt": (
            "**Shangping Village** lies along a river in a hilly area and has 310 households; many "
            "young people work in the cities while their older parents stay at home. The village "
            "committee runs one “village affairs and flood warning” group of about 420 members, at "
            "least one person from every household, including migrant workers who pass messages on "
            "to their parents by phone. In the rainy season the committee posts rainstorm "
            "warnings, evacuation routes and road closures; the rest of the year it posts notices "
            "on subsidies and medical insurance. The township has told villages to “clean up "
            "unnecessary groups”.\n\n"
            "What should the village committee do with this group?"
        ),
        "decision": "keep",
        "decision_feedback": {
            "dissolve": (
                "Wrong. This group is how warnings reach every household fast; dissolving it could "
                "put lives at risk in a flood and cut off policy notices to families working away."
            ),
            "merge": (
                "Not a real option. It is already one group covering the whole village, and there "
                "is nothing to merge it with that would serve villagers better."
            ),
            "keep": (
                "Right. The group serves villagers directly with emergency warnings and policy "
                "notices. “Cleaning up” means removing groups that serve no work, not this one."
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": (
                    "Flood warnings matter only a few months a year, so the rest of the time the "
                    "group hardly counts."
                ),
                "correct": False,
                "feedback": (
                    "The group carries policy notices all year, and closing and rebuilding it each "
                    "season would add work and lose members."
                ),
            },
            {
                "key": "r2",
                "text": "The township cannot check whether the village has dissolved it.",
                "correct": False,
                "feedback": (
                    "Whether anyone checks is beside the point; the decision rests on what the "
                    "group does for villagers."
                ),
            },
            {
                "key": "r3",
                "text": "Village groups are exempt from all burden-reduction requirements.",
                "correct": False,
                "feedback": (
                    "No unit is exempt; every group is judged by the work it does. This one passes "
                    "that test."
                ),
            },
            {
                "key": "r4",
                "text": (
                    "The group reaches every household quickly, including families working away, "
                    "with warnings and policy notices; no other channel does this job as well."
                ),
                "correct": True,
                "feedback": (
                    "The analysis stresses groups' role in informing and publicising for units "
                    "that deal with the public; here that role can also protect lives."
                ),
            },
        ],
    },
    {
        "key": "finished-project-groups",
        "kind": "decision",
        "competencies": ["situation", "measures"],
        "part": 4,
        "unit_kind": "county",
        "prompt": (
            "The **county transport bureau** ran a rural road project that was completed and "
            "passed acceptance eight months ago; maintenance has been handed over to the "
            "townships, which use their own channels. Six project groups remain: “site A”, “site "
            "B”, “quality inspection”, “land compensation”, “materials” and “project leading "
            "group”, with about 120 people from the bureau, the contractors and the townships. "
            "Nothing about the project has been posted for months, but some bureau staff re-post "
            "general notices into the groups “just in case”, and contractors' staff ask why they "
            "still receive them.\n\n"
            "What should the bureau do with the six groups?"
        ),
        "decision": "dissolve",
        "decision_feedback": {
            "dissolve": (
                "Right. The project is finished and maintenance has its own channel, so the groups "
                "serve no work. Save any records that are needed, announce the closure, then "
                "dissolve them."
            ),
            "merge": (
                "Unnecessary. Merging six idle groups into one still leaves a group with no task, "
                "and the re-posting “just in case” would continue."
            ),
            "keep": (
                "Wrong. Idle groups attract duplicated notices and bother people outside the "
                "project; keeping them adds burden with no benefit."
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": (
                    "The task the groups were created for has ended and its follow-up work has "
                    "another channel, so dissolving them harms nothing."
                ),
                "correct": True,
                "feedback": (
                    "Streamlining is right where it does not affect the work; here there is no "
                    "remaining work to affect."
                ),
            },
            {
                "key": "r2",
                "text": (
                    "Six groups is too many; a bureau should have no more than two project groups."
                ),
                "correct": False,
                "feedback": (
                    "No fixed number fits every unit or project; the test is whether a group still "
                    "serves work."
                ),
            },
            {
                "key": "r3",
                "text": "Dissolving them will look good in the burden-reduction statistics.",
                "correct": False,
                "feedback": (
                    "Acting for the statistics is the indicator thinking the analysis criticises; "
                    "the reason is that the groups have no work left."
                ),
            },
            {
                "key": "r4",
                "text": (
                    "Groups that include contractors are a security risk and must always be "
                    "dissolved."
                ),
                "correct": False,
                "feedback": (
                    "Security rules are a separate matter; while the project was running these "
                    "groups were useful. They go now because their task has ended."
                ),
            },
        ],
    },
    {
        "key": "street-grid-area-groups",
        "kind": "decision",
        "competencies": ["situation", "public"],
        "part": 4,
        "unit_kind": "street",
        "prompt": (
            "**Dongcheng Street** office covers 62,000 residents, divided into 48 grid areas. Each "
            "grid worker runs a group for the residents and shop owners in their area (200–500 "
            "members), and the street has one group for the 48 grid workers. Grid workers use "
            "their groups to collect problems (blocked drains, elderly people living alone who "
            "need a visit, disputes between shops) and to post notices such as vaccination days "
            "and rental registration rules; problems are then logged in the city's grid management "
            "system. A visiting inspection team remarked that “49 groups is a lot”.\n\n"
            "What should the street do with its grid groups?"
        ),
        "decision": "keep",
        "decision_feedback": {
            "dissolve": (
                "Wrong. Without the grid groups, problems would reach the street only through "
                "visits and calls, later and less completely, and residents in 48 areas would lose "
                "their nearest channel."
            ),
            "merge": (
                "Not the best choice. Putting 62,000 residents into a few big groups would mix "
                "different areas' problems and make it hard for each grid worker to answer for "
                "their area; dividing by area is what makes service precise."
            ),
            "keep": (
                "Right. A street deals mainly with residents, and groups divided by grid area make "
                "management easier and service precise; the number 49 reflects the population "
                "served, not formalism."
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "Every street is required to have exactly one group per grid area.",
                "correct": False,
                "feedback": (
                    "Being required is not the reason. The groups stay because they serve "
                    "residents; a grid group that stopped being used could be reviewed like any "
                    "other."
                ),
            },
            {
                "key": "r2",
                "text": (
                    "Since problems are logged in the grid system anyway, the groups cost nothing "
                    "extra to keep."
                ),
                "correct": False,
                "feedback": (
                    "The groups do cost grid workers time. They are worth it because they are "
                    "where problems first come in and notices go out; the system only records them "
                    "afterwards."
                ),
            },
            {
                "key": "r3",
                "text": (
                    "The groups are divided by grid area, so each grid worker hears and answers "
                    "their own residents quickly, which is the street's main job."
                ),
                "correct": True,
                "feedback": (
                    "The analysis says units serving many people set up groups by area and need, "
                    "which both eases management and makes service precise; that is what these "
                    "groups do."
                ),
            },
            {
                "key": "r4",
                "text": (
                    "The inspection team's remark is not binding, so the street can simply ignore "
                    "it."
                ),
                "correct": False,
                "feedback": (
                    "Whether the remark is binding is not the point; the street should be able to "
                    "explain, from the work the groups do, why they are needed."
                ),
            },
        ],
    },
    {
        "key": "bureau-notice-reposted-five-groups",
        "kind": "decision",
        "competencies": ["formalism", "measures"],
        "part": 4,
        "unit_kind": "office",
        "prompt": (
            "At the headquarters of the **county human resources and social security bureau** (25 "
            "staff; its public service windows are run separately at the county service centre), "
            "every internal notice is posted into five groups: “all staff”, “notices”, “office "
            "affairs”, “leaders' instructions” and “duty”. All five contain the same 25 people. "
            "Staff must reply “received” in each group, and the general office checks the replies "
            "and chases anyone missing. A single meeting notice can produce more than 100 "
            "“received” messages. Staff do need one reliable place for notices and duty "
            "arrangements.\n\n"
            "What should the bureau do with these five groups?"
        ),
        "decision": "merge",
        "decision_feedback": {
            "dissolve": (
                "Too far. Staff still need one reliable channel for notices and duty arrangements; "
                "dissolving all five would push notices into phone calls and private messages."
            ),
            "merge": (
                "Right. Five groups with the same members carrying the same notice are pure "
                "duplication. Merge them into one group, post each notice once, and drop the "
                "“received” roll call."
            ),
            "keep": (
                "Wrong. Re-posting into five groups and checking five sets of replies is "
                "duplicated work that burden reduction should remove."
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "Internal groups are useless, so the fewer the better.",
                "correct": False,
                "feedback": (
                    "Internal groups are not useless: staff need one for notices. The problem is "
                    "duplication, not internal groups as such."
                ),
            },
            {
                "key": "r2",
                "text": "The bureau has a quota for cutting groups to meet.",
                "correct": False,
                "feedback": (
                    "Streamlining should never be done just to meet an indicator; here it is "
                    "justified by the duplication itself."
                ),
            },
            {
                "key": "r3",
                "text": (
                    "The “received” replies prove that notices were delivered, so every group "
                    "needs them."
                ),
                "correct": False,
                "feedback": (
                    "Counting replies is proof for show; one group, with a read check only when "
                    "truly necessary, is enough."
                ),
            },
            {
                "key": "r4",
                "text": (
                    "The five groups have identical members and carry the same notices, so one "
                    "group does the same job with a fifth of the effort."
                ),
                "correct": True,
                "feedback": (
                    "Reducing duplicated work is a core measure in the analysis; the work (getting "
                    "notices to staff) is kept, only the duplication goes."
                ),
            },
        ],
    },
    {
        "key": "paperless-and-burden-view",
        "kind": "single",
        "competencies": ["policy", "public"],
        "part": 2,
        "unit_kind": "",
        "prompt": (
            "Paperless office is now common, but some local governments pushed online office "
            "blindly and created large numbers of work groups; to relieve the pressure, some "
            "localities then ordered grassroots work groups to be dissolved.\n\n"
            "Which view of this best matches the reference analysis?"
        ),
        "options": [
            {
                "key": "a",
                "text": (
                    "Burden reduction should come before serving the public, because exhausted "
                    "staff cannot serve anyone."
                ),
                "correct": False,
                "feedback": (
                    "The analysis does not set them against each other: burden reduction frees "
                    "staff to spend their energy on practical work for the people."
                ),
            },
            {
                "key": "b",
                "text": (
                    "Paperless office is the source of grassroots formalism, so it should be "
                    "scaled back."
                ),
                "correct": False,
                "feedback": (
                    "The analysis treats paperless office as positive: it saves paper, simplifies "
                    "workflows and lets people do business online. The problem is blind, excessive "
                    "use."
                ),
            },
            {
                "key": "c",
                "text": (
                    "Paperless office and burden reduction are both positive, but carrying them "
                    "out crudely and across the board, without analysing each case, can hurt "
                    "efficiency and public satisfaction."
                ),
                "correct": True,
                "feedback": (
                    "This is the analysis's viewpoint: both measures serve the people, but a "
                    "one-size-fits-all approach stops good policies from working and harms the "
                    "government's efficiency and people's satisfaction."
                ),
            },
            {
                "key": "d",
                "text": (
                    "Dissolving groups has already reduced the burden everywhere, so the policy "
                    "has fully succeeded."
                ),
                "correct": False,
                "feedback": (
                    "The analysis grants that dissolving and merging helped, but warns that, done "
                    "crudely, it becomes one-size-fits-all and harms both the work and "
                    "satisfaction."
                ),
            },
        ],
    },
    {
        "key": "county-halve-groups-quota",
        "kind": "single",
        "competencies": ["situation", "formalism", "policy"],
        "part": 4,
        "unit_kind": "",
        "prompt": (
            "To respond to calls for grassroots burden reduction, a county drafts a notice: “Every "
            "unit shall cut its number of WeChat work groups by at least half before the end of "
            "the month, and report the numbers before and after, with screenshots.” The county's "
            "units range from the archives office and the finance bureau to street offices, "
            "communities and the government service centre. You are asked to advise on the "
            "draft.\n\n"
            "Which advice best reflects the policy?"
        ),
        "options": [
            {
                "key": "a",
                "text": (
                    "Drop the uniform quota. Have each unit review its groups against its own "
                    "work: streamline duplicated, check-in-only or idle groups, keep and organise "
                    "groups that serve the public, and judge results by the workload actually "
                    "removed, not by group counts."
                ),
                "correct": True,
                "feedback": (
                    "This follows the analysis: no one-size-fits-all, decide according to each "
                    "unit's situation, never dissolve groups just to meet an indicator, and "
                    "measure burden reduction by real workload."
                ),
            },
            {
                "key": "b",
                "text": (
                    "Keep the target but drop the screenshot requirement, to reduce the reporting "
                    "burden."
                ),
                "correct": False,
                "feedback": (
                    "Removing the screenshots cuts one piece of paperwork, but the quota itself "
                    "still forces units to dissolve groups for the sake of a number."
                ),
            },
            {
                "key": "c",
                "text": (
                    "Issue the notice as drafted: a clear, uniform target is the fairest way to "
                    "make every unit act."
                ),
                "correct": False,
                "feedback": (
                    "A uniform number ignores the differences between units: a community that "
                    "halved its block groups would lose channels residents rely on. No indicator "
                    "fits every unit."
                ),
            },
            {
                "key": "d",
                "text": "Keep the 50% target but exempt communities and window units.",
                "correct": False,
                "feedback": (
                    "Better than a blanket rule, but still an indicator: a finance office with one "
                    "useful group would have to cut it, while an archives office with nine "
                    "duplicates could stop at five. The decision must rest on each group's work."
                ),
            },
        ],
    },
    {
        "key": "township-farmer-crop-groups",
        "kind": "decision",
        "competencies": ["public", "situation"],
        "part": 4,
        "unit_kind": "township",
        "prompt": (
            "The **agricultural service centre of Lianhua Township** has 9 staff serving about "
            "5,000 farming households. It runs 6 groups for farmers, divided by what they produce: "
            "rice, tea, vegetables, fruit, livestock, and one for farming cooperatives. Farmers "
            "post photos of diseased leaves or sick animals and get advice within hours; staff "
            "post pest warnings, subsidy application dates and weather alerts for each crop. "
            "Internally, the 9 staff share one work group. The township is reviewing every unit's "
            "groups, and a deputy township head suggests that “one farmers' group is enough”.\n\n"
            "What should the centre do with its six farmer groups?"
        ),
        "decision": "keep",
        "decision_feedback": {
            "dissolve": (
                "Wrong. Farmers would lose fast technical help and targeted warnings, and staff "
                "would spend more time on calls and visits to reach the same people."
            ),
            "merge": (
                "Not the best choice. A single group would bury a tea grower's question under "
                "livestock alerts; dividing by need is what lets staff give precise advice and "
                "timely warnings."
            ),
            "keep": (
                "Right. Although it is a township unit, the centre's main work is with farmers; "
                "its groups, divided by need, collect problems and spread policy precisely."
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "Six groups is below the township average, so the number is acceptable.",
                "correct": False,
                "feedback": (
                    "Comparing with an average is just another indicator; the test is whether each "
                    "group serves real work."
                ),
            },
            {
                "key": "r2",
                "text": "Farmers like the groups, and whatever the public likes should be kept.",
                "correct": False,
                "feedback": (
                    "Farmers' convenience matters, but the decision should rest on the work the "
                    "groups do; preference alone could also justify groups that serve no purpose."
                ),
            },
            {
                "key": "r3",
                "text": (
                    "The centre's main work is serving farmers, and groups divided by crop let it "
                    "hear problems early and send each group the warnings and policies that "
                    "concern it."
                ),
                "correct": True,
                "feedback": (
                    "Whether to keep groups depends on the unit's actual work, not its level: this "
                    "centre deals with the public every day, and need-based groups make the "
                    "service precise."
                ),
            },
            {
                "key": "r4",
                "text": "Burden reduction applies to county departments, not to township units.",
                "correct": False,
                "feedback": (
                    "Burden reduction applies at every level; the centre keeps its groups because "
                    "of what they do, not because of its administrative level."
                ),
            },
        ],
    },
    {
        "key": "township-village-leader-groups",
        "kind": "decision",
        "competencies": ["situation", "measures"],
        "part": 4,
        "unit_kind": "township",
        "prompt": (
            "**Hekou Township** has 16 villages. Over the years each township office has created "
            "its own group with the 16 village party secretaries and village committee heads: "
            "agriculture, civil affairs, safety, environment, party building, statistics, health "
            "and comprehensive governance, eight groups with almost the same 32 people. The same "
            "township notice is often sent to several groups, and village secretaries say they "
            "check eight groups every evening so as not to miss a deadline. Some offices use their "
            "group for specific tasks, such as collecting safety-inspection reports in the flood "
            "season.\n\n"
            "What should the township do with these eight groups?"
        ),
        "decision": "merge",
        "decision_feedback": {
            "dissolve": (
                "Too blunt. Villages still need a channel from the township, and tasks such as "
                "collecting flood-season safety reports depend on one; dissolving all eight would "
                "push the work back to phone calls and meetings."
            ),
            "merge": (
                "Right. Eight groups with the same village leaders duplicate each other. Merge "
                "them into one township–village work group, add a task group only where a task "
                "truly needs one, and send each notice once."
            ),
            "keep": (
                "Wrong. Making village leaders check eight groups for the same notices is "
                "duplicated work landing on the grassroots, the very burden the policy targets."
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": (
                    "The county requires each township to have no more than three groups with its "
                    "villages."
                ),
                "correct": False,
                "feedback": (
                    "A uniform cap is not the reason; the decision comes from the duplication in "
                    "this township's situation."
                ),
            },
            {
                "key": "r2",
                "text": (
                    "The groups have the same members and repeat notices, so one main group with "
                    "clear rules, plus a task group only when needed, keeps the work running with "
                    "far less checking."
                ),
                "correct": True,
                "feedback": (
                    "This follows the analysis: streamline where groups duplicate each other, as "
                    "long as the work is not affected, and remove duplicated work at the "
                    "grassroots."
                ),
            },
            {
                "key": "r3",
                "text": (
                    "Village secretaries are too busy to read groups, so the township should use "
                    "meetings instead."
                ),
                "correct": False,
                "feedback": (
                    "Replacing groups with more meetings would add burden; the aim is fewer, "
                    "clearer channels, not a return to meetings."
                ),
            },
            {
                "key": "r4",
                "text": (
                    "Villages deal with the public, so all groups involving village leaders must "
                    "be kept."
                ),
                "correct": False,
                "feedback": (
                    "These groups link the township with village leaders, not with villagers, so "
                    "the “public-facing” reason does not apply, and they duplicate each other."
                ),
            },
        ],
    },
    {
        "key": "window-praise-screenshot-group",
        "kind": "decision",
        "competencies": ["formalism", "public"],
        "part": 4,
        "unit_kind": "window",
        "prompt": (
            "The **Xinhe District tax service hall** has 12 windows. Satisfaction is already "
            "collected by the official “good/poor review” system after every transaction, and "
            "taxpayers' questions are handled through the hall's consultation groups and hotline. "
            "Last quarter the hall set up a “service praise” group: staff must invite each "
            "taxpayer they serve to join, ask them to post a thumbs-up message, and send a "
            "screenshot of it to the office every day for a monthly staff ranking. The group now "
            "has 900 members and nothing else is posted in it. Several taxpayers have complained "
            "about being pressed to post praise.\n\n"
            "What should the hall do with the “service praise” group?"
        ),
        "decision": "dissolve",
        "decision_feedback": {
            "dissolve": (
                "Right. Even in a window unit, this group neither collects demands nor spreads "
                "policy; it only manufactures praise screenshots that duplicate the official "
                "review system and burden both staff and taxpayers."
            ),
            "merge": (
                "Wrong. Merging it into the consultation groups would push praise requests into "
                "the channels taxpayers use for real questions and make those channels worse."
            ),
            "keep": (
                "Wrong. A window unit keeps groups that serve the public; this one serves a "
                "ranking, and it annoys the very people it claims to serve."
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": (
                    "The group exists only to produce praise screenshots, duplicates the official "
                    "review system, and does not serve taxpayers' real needs."
                ),
                "correct": True,
                "feedback": (
                    "Whether a group stays depends on what it does: window units keep groups "
                    "because they collect demands and spread policy, and this one does neither."
                ),
            },
            {
                "key": "r2",
                "text": "900 members is too many to manage.",
                "correct": False,
                "feedback": (
                    "Size is not the issue; a large group that answers real questions is worth "
                    "managing. This one has no real function."
                ),
            },
            {
                "key": "r3",
                "text": "The hall's service is already good, so it needs no feedback.",
                "correct": False,
                "feedback": (
                    "Feedback is needed, and it is already collected through the review system; "
                    "the group only adds a layer of screenshots on top."
                ),
            },
            {
                "key": "r4",
                "text": "Window units should not have groups with the public at all.",
                "correct": False,
                "feedback": (
                    "The opposite: window units need groups to hear people's demands. This group "
                    "goes because of its purpose, not because of the type of unit."
                ),
            },
        ],
    },
    {
        "key": "groups-cut-still-overloaded",
        "kind": "single",
        "competencies": ["measures", "formalism"],
        "part": 4,
        "unit_kind": "",
        "prompt": (
            "Last spring **Fengqiao Township** cut its work groups from 40 to 12, and the county "
            "praised it. Six months on, staff say they are still exhausted: there are two or three "
            "meetings most days, each village must submit more than 30 different forms and reports "
            "a month (several asking for the same data), the same ledger is kept both on paper and "
            "online, and a few staff handle most tasks while others wait for instructions. The "
            "township head asks what to do next.\n\n"
            "Which advice is best?"
        ),
        "options": [
            {
                "key": "a",
                "text": "Cut the groups further, to 6, since the first round clearly helped.",
                "correct": False,
                "feedback": (
                    "Groups are no longer the main source of the burden, and cutting further could "
                    "remove useful channels; streamlining groups alone cannot solve the problem."
                ),
            },
            {
                "key": "b",
                "text": (
                    "Accept it: grassroots work is always heavy, and cutting the groups has "
                    "already met the requirement."
                ),
                "correct": False,
                "feedback": (
                    "Treating the group cut as the finish line is formalism; the policy aims at "
                    "less useless workload, not at a completed indicator."
                ),
            },
            {
                "key": "c",
                "text": (
                    "Have staff report their daily working hours in a new group, so the township "
                    "can see who is overloaded."
                ),
                "correct": False,
                "feedback": (
                    "A new reporting group adds exactly the kind of workload the township is "
                    "trying to remove."
                ),
            },
            {
                "key": "d",
                "text": (
                    "Take a multi-pronged approach: cut unnecessary meetings and reports, combine "
                    "forms that ask for the same data, stop keeping duplicate ledgers, simplify "
                    "procedures, and share out tasks so the whole staff is involved."
                ),
                "correct": True,
                "feedback": (
                    "The analysis is clear that streamlining groups cannot fundamentally lift the "
                    "burden; meetings, paperwork, duplicated work, procedures and staff engagement "
                    "all need to change."
                ),
            },
        ],
    },
    {
        "key": "measures-that-reduce-burden",
        "kind": "multiple",
        "competencies": ["measures", "formalism"],
        "part": 4,
        "unit_kind": "",
        "prompt": (
            "A street office wants to lift the real burden on its staff and community workers, not "
            "just the appearance of it.\n\n"
            "Which of the following measures actually reduce the grassroots burden? Choose all "
            "that apply."
        ),
        "options": [
            {
                "key": "a",
                "text": "Replace all group messages with printed notices delivered door to door.",
                "correct": False,
                "feedback": (
                    "Going back to paper adds legwork and slows information; paperless office is "
                    "positive when used sensibly, and the aim is to cut useless work, not useful "
                    "tools."
                ),
            },
            {
                "key": "b",
                "text": (
                    "Share tasks across all staff and give them room to use their judgement, so "
                    "the whole team's energy goes into the work."
                ),
                "correct": True,
                "feedback": (
                    "The analysis calls for fully mobilising the enthusiasm of all staff rather "
                    "than piling work on a few."
                ),
            },
            {
                "key": "c",
                "text": (
                    "Remove duplicated work, such as keeping the same ledger both on paper and "
                    "online, and simplify approval procedures."
                ),
                "correct": True,
                "feedback": (
                    "Reducing duplicated work and optimising procedures are both named in the "
                    "analysis's multi-pronged approach."
                ),
            },
            {
                "key": "d",
                "text": (
                    "Cancel meetings that only pass on documents, and combine reports that ask for "
                    "the same data."
                ),
                "correct": True,
                "feedback": (
                    "Reducing unnecessary meetings and materials is one of the measures the "
                    "analysis names first."
                ),
            },
            {
                "key": "e",
                "text": (
                    "Require each community to report every week how many groups it has dissolved, "
                    "with screenshots as proof."
                ),
                "correct": False,
                "feedback": (
                    "This turns burden reduction into a new indicator and a new report, which is "
                    "itself the formalism it claims to fight."
                ),
            },
        ],
    },
    {
        "key": "community-care-need-groups",
        "kind": "decision",
        "competencies": ["public", "policy"],
        "part": 4,
        "unit_kind": "community",
        "prompt": (
            "**Xiyuan Community** has an ageing population: 640 residents over 70, including 85 "
            "who live alone, and 40 residents with disabilities. Besides its block groups, the "
            "community runs three groups organised by need: one linking the families of elderly "
            "people who live alone with community workers and volunteers, one for carers of "
            "residents with disabilities, and one for the volunteers who deliver meals and make "
            "home visits. They are used to arrange visits, report emergencies and share news on "
            "care subsidies. A new community secretary, keen to reduce the burden, proposes "
            "folding all three into the block groups.\n\n"
            "What should the community do with the three care groups?"
        ),
        "decision": "keep",
        "decision_feedback": {
            "dissolve": (
                "Wrong. These groups coordinate care for the most vulnerable residents; dissolving "
                "them would slow emergency responses and visits."
            ),
            "merge": (
                "Not the best choice. Folding them into block groups would expose private care "
                "matters to hundreds of neighbours and let urgent messages about an elderly "
                "resident get lost among general notices."
            ),
            "keep": (
                "Right. Units serving many people set up groups by area and by need; these care "
                "groups make service precise for the residents who need it most."
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "The groups are small, so they cannot be a burden.",
                "correct": False,
                "feedback": (
                    "Size is not the test; a small group that only collects screenshots would "
                    "still be a burden. These stay because of the care work they support."
                ),
            },
            {
                "key": "r2",
                "text": (
                    "Burden reduction is about counting groups, and only groups with the public "
                    "count."
                ),
                "correct": False,
                "feedback": (
                    "Burden reduction is about removing useless work, not counting groups of any "
                    "kind."
                ),
            },
            {
                "key": "r3",
                "text": (
                    "Groups organised by need let the community coordinate care for vulnerable "
                    "residents precisely and respond quickly to emergencies."
                ),
                "correct": True,
                "feedback": (
                    "The analysis names dividing groups “according to different regions and needs” "
                    "as a way to serve accurately; burden reduction should free staff for this "
                    "work, not remove it."
                ),
            },
            {
                "key": "r4",
                "text": (
                    "A new secretary has no authority to change how the community's groups are run."
                ),
                "correct": False,
                "feedback": (
                    "Authority is not the issue; a secretary could rightly streamline groups that "
                    "duplicate work. The proposal is wrong because these groups serve specific "
                    "needs."
                ),
            },
        ],
    },
    {
        "key": "county-campaign-liaison-groups",
        "kind": "decision",
        "competencies": ["policy", "measures"],
        "part": 4,
        "unit_kind": "county",
        "prompt": (
            "The **county government office** coordinates 34 county departments. Over two years it "
            "has created a separate liaison group for each special campaign, such as “civilised "
            "city”, “work safety month”, “rural revitalisation”, “business environment” and “waste "
            "sorting”: eleven groups in all. Each contains the same liaison officer from each of "
            "the 34 departments plus office staff. Three campaigns have ended and the rest are "
            "ongoing; the same report template is often requested in several groups at once. "
            "Liaison officers say they spend hours a week matching requests across groups.\n\n"
            "What should the county office do with the eleven groups?"
        ),
        "decision": "merge",
        "decision_feedback": {
            "dissolve": (
                "Too blunt. The ongoing campaigns still need coordination among 34 departments; "
                "dissolving every group would leave no channel and push requests into calls and "
                "formal documents."
            ),
            "merge": (
                "Right. The groups share the same liaison officers and overlap in their requests. "
                "Close the groups for finished campaigns, merge the ongoing ones into one liaison "
                "group, and request each report once."
            ),
            "keep": (
                "Wrong. Eleven parallel groups with the same members create repeated requests and "
                "matching work in every department, duplicated work the policy aims to remove."
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": (
                    "The county office should set an example by having the fewest groups in the "
                    "county."
                ),
                "correct": False,
                "feedback": (
                    "Being the example with the smallest number is a target for show; the reason "
                    "to merge is duplication, not a ranking."
                ),
            },
            {
                "key": "r2",
                "text": "Each campaign is important, so each deserves its own group.",
                "correct": False,
                "feedback": (
                    "Importance does not require separate groups with identical members; what "
                    "matters is that the work gets done without duplication."
                ),
            },
            {
                "key": "r3",
                "text": "Special campaigns are formalism anyway, so their groups do not matter.",
                "correct": False,
                "feedback": (
                    "The campaigns carry real policy work; the problem is the way they are "
                    "coordinated, not the campaigns themselves."
                ),
            },
            {
                "key": "r4",
                "text": (
                    "The same liaison officers sit in every group and receive overlapping "
                    "requests, so one liaison group can serve the ongoing campaigns with far less "
                    "duplicated work."
                ),
                "correct": True,
                "feedback": (
                    "The policy aims to free staff from useless work so they can do practical "
                    "things; merging keeps the coordination and removes the duplication."
                ),
            },
        ],
    },
    {
        "key": "street-sharing-screenshot-group",
        "kind": "decision",
        "competencies": ["formalism", "public"],
        "part": 1,
        "unit_kind": "street",
        "prompt": (
            "**Nanguan Street** office set up a “publicity tasks” group for its 60 staff and 90 "
            "community workers. Several times a week an article is posted there with an "
            "instruction to share it on one's personal WeChat Moments and post a screenshot within "
            "two hours; the office compiles who has and has not shared, and the list is read out "
            "at the monthly meeting. Residents already receive policy notices through the "
            "communities' block and grid groups, which are run separately. Community workers say "
            "they interrupt home visits to meet the screenshot deadline.\n\n"
            "What should the street do with the “publicity tasks” group?"
        ),
        "decision": "dissolve",
        "decision_feedback": {
            "dissolve": (
                "Right. The group exists only to generate sharing screenshots. Real publicity "
                "already reaches residents through the block and grid groups, so dissolving it "
                "harms no work and gives community workers time back for residents."
            ),
            "merge": (
                "Wrong. Merging it into the grid or block groups would carry the screenshot task "
                "into channels residents use, spreading the formalism instead of removing it."
            ),
            "keep": (
                "Wrong. Counting screenshots measures the appearance of publicity, not whether "
                "residents understand the policy; keeping the group keeps the formalism."
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "Policy publicity is not the street's job.",
                "correct": False,
                "feedback": (
                    "It is: spreading policy is a key role of street and community groups. The "
                    "point is that it is done through the block and grid groups, not through "
                    "screenshot tasks."
                ),
            },
            {
                "key": "r2",
                "text": (
                    "The group's only function is sharing screenshots, which duplicates the real "
                    "publicity channels and takes community workers away from residents."
                ),
                "correct": True,
                "feedback": (
                    "The analysis warns against groups that add workload and produce formalism; "
                    "this one even cuts into the home visits that serve residents."
                ),
            },
            {
                "key": "r3",
                "text": "Staff should never use their personal WeChat for anything work-related.",
                "correct": False,
                "feedback": (
                    "That is a different debate and not the analysis's reason; the group goes "
                    "because it produces only screenshots and no real work."
                ),
            },
            {
                "key": "r4",
                "text": "A street should have as few groups as possible.",
                "correct": False,
                "feedback": (
                    "Streets serve many residents and often need many groups; the number is not "
                    "the test, the function is."
                ),
            },
        ],
    },
    {
        "key": "leader-dissolved-resident-groups",
        "kind": "single",
        "competencies": ["policy", "public"],
        "part": 3,
        "unit_kind": "",
        "prompt": (
            "After a county meeting on burden reduction, the new secretary of **Qiaotou "
            "Community** dissolved all 15 of its groups, including the block groups residents used "
            "to report problems, saying “the policy says fewer groups”. Over the next month calls "
            "about the community to the 12345 hotline doubled, an elderly resident's burst pipe "
            "went unreported for two days, and many residents missed a medical-insurance "
            "deadline.\n\n"
            "What best explains what went wrong, and what should be done?"
        ),
        "options": [
            {
                "key": "a",
                "text": (
                    "The community should restore all 15 groups exactly as they were, to avoid "
                    "further criticism."
                ),
                "correct": False,
                "feedback": (
                    "Restoring the residents' channels is right, but the groups should be "
                    "reviewed, not copied back blindly: any duplicated or check-in groups among "
                    "the 15 can still be streamlined."
                ),
            },
            {
                "key": "b",
                "text": (
                    "The secretary misunderstood the policy, which targets useless workload, not "
                    "channels that serve residents. The community should restore the block groups "
                    "with clear rules, and the county should train leaders on the policy."
                ),
                "correct": True,
                "feedback": (
                    "The analysis names leaders' poor understanding of policy as a root cause; the "
                    "remedy is to restore the channel residents rely on and to strengthen training "
                    "for leaders."
                ),
            },
            {
                "key": "c",
                "text": (
                    "Residents should use the hotline instead; the rise in calls shows the hotline "
                    "works."
                ),
                "correct": False,
                "feedback": (
                    "Pushing residents to a county hotline moves the burden elsewhere and slows "
                    "the response; it is a cost of the mistake, not a solution."
                ),
            },
            {
                "key": "d",
                "text": (
                    "The policy itself is wrong; the county should stop asking for burden "
                    "reduction."
                ),
                "correct": False,
                "feedback": (
                    "The policy is good: it aims to free grassroots staff for real service. The "
                    "problem lies in how it was understood and applied here."
                ),
            },
        ],
    },
    {
        "key": "why-burden-reduction-falls-short",
        "kind": "multiple",
        "competencies": ["policy", "situation"],
        "part": 3,
        "unit_kind": "",
        "prompt": (
            "In many localities, measures meant to reduce the grassroots burden, including "
            "dissolving work groups, have not achieved the expected results.\n\n"
            "According to the analysis, which of the following are the main reasons? Choose all "
            "that apply."
        ),
        "options": [
            {
                "key": "a",
                "text": "Grassroots staff are unwilling to use online tools.",
                "correct": False,
                "feedback": (
                    "The analysis does not blame grassroots staff; it calls for mobilising their "
                    "enthusiasm, and the problem it describes is too many groups, not too little "
                    "use."
                ),
            },
            {
                "key": "b",
                "text": "Some policies do not solve practical problems.",
                "correct": True,
                "feedback": (
                    "The analysis names this as the second cause, for example cutting groups while "
                    "meetings and paperwork stay the same."
                ),
            },
            {
                "key": "c",
                "text": "Some local leaders understand the policy poorly.",
                "correct": True,
                "feedback": (
                    "The analysis names this third, which is why it recommends strengthening "
                    "training for leaders."
                ),
            },
            {
                "key": "d",
                "text": "Some policies do not fit local conditions.",
                "correct": True,
                "feedback": (
                    "The analysis lists this first: a measure that suits one place can fail in "
                    "another whose situation is different."
                ),
            },
            {
                "key": "e",
                "text": "The central policy on burden reduction is itself mistaken.",
                "correct": False,
                "feedback": (
                    "The analysis states that the major policies of the Party and the country are "
                    "good and aim to serve the people better; the problems lie in implementation."
                ),
            },
        ],
    },
    {
        "key": "written-dissolving-work-groups",
        "kind": "written",
        "competencies": ["policy", "situation", "measures"],
        "part": 0,
        "unit_kind": "",
        "prompt": (
            "Paperless office is now popular in all walks of life, but some local governments have "
            "pushed online office blindly and created large numbers of work groups, which has led "
            "to serious formalism at the grassroots. To relieve the pressure on the grassroots, "
            "some localities require some grassroots work groups to be dissolved.\n\n"
            "**What do you think of this?** Answer as in a structured interview: state your view, "
            "analyse the causes and propose measures."
        ),
        "reference": (
            "**View.** Paperless office and grassroots burden reduction are both good measures. "
            "Online office saves paper, simplifies procedures and lets people do business online; "
            "burden reduction frees grassroots staff to do practical things for the people. "
            "Dissolving and merging groups has helped in many places, but done crudely and across "
            "the board it becomes one-size-fits-all, and good policies then harm the work and "
            "people's satisfaction with the government.\n\n"
            "**Causes.** Results fall short because some policies do not fit local conditions, "
            "some do not solve practical problems, and some leaders understand the policy "
            "poorly.\n\n"
            "**Measures.**\n\n"
            "1. Analyse each unit. Streets, communities and window units deal mainly with the "
            "public: their groups collect real demands first-hand and spread policy, and groups "
            "divided by area or need make management easier and service precise, so keep and "
            "organise them. Units with little external work can streamline duplicated, check-in or "
            "idle groups, as long as the work is not harmed. Never dissolve groups just to meet an "
            "indicator set from above.\n"
            "2. Take a multi-pronged approach: cut unnecessary meetings and paperwork, reduce "
            "duplicated work, optimise procedures and mobilise all staff.\n"
            "3. Strengthen training for leaders so that they understand the policy well and "
            "implement it well."
        ),
        "rubric": [
            [
                (
                    "States a clear view: paperless office and burden reduction are both positive, "
                    "but crude, one-size-fits-all dissolution is wrong"
                ),
                2,
            ],
            [
                (
                    "Distinguishes between units: keeps and organises groups in public-facing "
                    "units (streets, communities, windows); streamlines duplicated, check-in or "
                    "idle groups where work is not harmed"
                ),
                3,
            ],
            [
                (
                    "Analyses the causes: policies that do not fit local conditions, that do not "
                    "solve practical problems, and leaders' poor understanding of policy"
                ),
                2,
            ],
            [
                (
                    "Goes beyond groups: cutting meetings and paperwork, removing duplicated work, "
                    "improving procedures, mobilising staff, and training leaders"
                ),
                2,
            ],
            [
                "Rejects indicators set from above as the measure of implementation",
                1,
            ],
        ],
    },
    {
        "key": "written-township-burden-plan",
        "kind": "written",
        "competencies": ["formalism", "measures", "public"],
        "part": 4,
        "unit_kind": "",
        "prompt": (
            "You have just been appointed head of a township with 50 staff and 14 villages. The "
            "county has asked all townships to “reduce the burden on the grassroots and report the "
            "results by the end of the quarter”. Your staff complain of endless meetings, forms "
            "and group messages, while villagers rely on some groups for notices and emergency "
            "warnings.\n\n"
            "**How would you implement burden reduction without falling into formalism?**"
        ),
        "reference": (
            "**Understand the aim.** Burden reduction is meant to free staff from useless work so "
            "they can serve villagers better. The quarter-end report should show less workload and "
            "better service, not just smaller numbers.\n\n"
            "**Find out the real situation.** Spend the first weeks listening: ask each office and "
            "village which meetings, forms, ledgers and groups take their time, and which channels "
            "villagers rely on.\n\n"
            "**Decide group by group.** Keep and organise the groups villagers use for notices, "
            "emergencies and requests. Merge township–village groups that send the same notices to "
            "the same people; dissolve check-in, screenshot and idle project groups. Set no number "
            "to hit.\n\n"
            "**Go beyond groups.** Cut meetings that only pass on documents, combine forms that "
            "ask for the same data, stop keeping duplicate paper and online ledgers, simplify "
            "procedures, and share tasks so that all staff are engaged.\n\n"
            "**Avoid new formalism.** Do not ask villages to prove the reduction with screenshots "
            "or new reports; check results by asking staff and villagers and by the time actually "
            "saved. Report honestly to the county, including which groups were kept and why, and "
            "raise any requirements that do not fit local conditions."
        ),
        "rubric": [
            [
                (
                    "Treats burden reduction as freeing staff to serve the public, and judges "
                    "success by real workload and service rather than by numbers"
                ),
                2,
            ],
            [
                (
                    "Investigates the actual situation before deciding, and decides unit by unit "
                    "and group by group"
                ),
                2,
            ],
            [
                (
                    "Keeps the channels villagers rely on while merging or dissolving duplicated, "
                    "check-in or idle groups"
                ),
                2,
            ],
            [
                (
                    "Includes measures beyond groups: meetings, paperwork, duplicated work, "
                    "procedures, staff engagement"
                ),
                2,
            ],
            [
                (
                    "Avoids new formalism in implementation and reporting (no screenshot proof, "
                    "honest report, feeds back requirements that do not fit)"
                ),
                1,
            ],
        ],
    },
]


QUESTIONS_ZH: list[dict] = [
    {
        "key": "community-block-groups",
        "kind": "decision",
        "competencies": ["situation", "public"],
        "part": 4,
        "unit_kind": "community",
        "prompt": (
            "**和平路社区**居委会服务约4200户居民，辖区共18栋楼。居委会建有18个楼栋群（每栋一个，"
            "每群150至300名居民，由楼栋长和一名社区工作人员负责），"
            "另有一个11名工作人员的内部工作群。居民通过楼栋群反映水管爆裂、电梯故障、"
            "噪音纠纷等问题，居委会也在群里发布医保参保截止时间等政策通知。"
            "工作人员反映回复消息占用不少时间，有几个群里广告多、闲聊多。"
            "街道要求各单位对工作群进行一次梳理。\n\n"
            "居委会应当如何处理这些楼栋群？"
        ),
        "decision": "keep",
        "decision_feedback": {
            "dissolve": (
                "对这个单位来说是错误的。楼栋群是居民找居委会、政策到达居民的渠道，"
                "解散后等于切断了与4200户居民的联系，问题又要靠打电话、上门来收集，反而加重负担。"
            ),
            "merge": (
                "不是最佳选择。把4200户居民并进一个大群，各楼栋的问题会被淹没在刷屏中；"
                "按区域分群恰恰是便于管理、精准服务的关键。"
            ),
            "keep": (
                "正确。社区的主要工作就是和居民打交道，楼栋群承担着收集诉求、宣传政策的作用。"
                "应当保留并加以规范：制定群规、明确每栋的回复责任人、清理广告，而不是一删了之。"
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "群多说明居委会网上办公做得多，考核时更好看。",
                "correct": False,
                "feedback": (
                    "拿群的数量证明工作成绩，本身就是形式主义；群多群少并不能说明服务做得好不好。"
                ),
            },
            {
                "key": "r2",
                "text": "群没了居民会有意见，还是不动为好，免得惹麻烦。",
                "correct": False,
                "feedback": (
                    "怕惹麻烦不是判断标准，这些群也确实需要整顿。保留的理由是它们在为居民服务，"
                    "同时仍要解决刷屏和工作量的问题。"
                ),
            },
            {
                "key": "r3",
                "text": (
                    "楼栋群是居委会收集居民诉求、发布政策通知的主要渠道，"
                    "一栋一群能让服务更有针对性。"
                ),
                "correct": True,
                "feedback": (
                    "这正是解析中的核心观点：与群众打交道的单位，工作群能第一时间了解群众真实诉求、"
                    "宣传好政策，按区域分群便于精准服务。"
                ),
            },
            {
                "key": "r4",
                "text": "街道规定每个社区每栋楼至少要保留一个群。",
                "correct": False,
                "feedback": (
                    "无论是要求多建还是少建，都不应由指标说了算。保留楼栋群是因为它们在为居民服务，"
                    "而不是为了完成上级定的数字。"
                ),
            },
        ],
    },
    {
        "key": "county-archives-overlapping-groups",
        "kind": "decision",
        "competencies": ["situation", "measures"],
        "part": 4,
        "unit_kind": "office",
        "prompt": (
            "**县档案馆**有14名工作人员，基本不直接面对群众，服务对象主要是其他政府部门。"
            "三年来陆续建了9个微信群：“全体人员”“办公室事务”“党支部”“工会”“数字化项目”“安全值班”"
            "“学习”“通知”“领导指示”。每个群里都是这十二到十四个人，"
            "同一条通知经常在三四个群里重复发，大家只好每个群都翻一遍，生怕漏掉。档案移交安排、"
            "数字化进度等真正的工作反而分散在各个群里。\n\n"
            "档案馆应当如何处理这些工作群？"
        ),
        "decision": "merge",
        "decision_feedback": {
            "dissolve": (
                "过于简单粗暴。档案馆仍需要安排值班、推进数字化工作的渠道，"
                "全部解散只会让同样的消息转到电话和私聊里。"
            ),
            "merge": (
                "正确。档案馆对外工作少，各群成员相同、内容重复；合并为一两个群（如一个工作群、"
                "一个党支部群），既减轻负担，又不影响工作。"
            ),
            "keep": (
                "对这个单位来说是错误的。同样14个人建了9个相互重叠的群，重复发、反复翻，"
                "正是减负要减掉的无用工作量。"
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "各群成员相同、通知重复，档案馆对外工作又少，减少群的数量不会影响工作。",
                "correct": True,
                "feedback": (
                    "解析指出，对外工作较少的单位可以在不影响工作的前提下精简工作群；成员相同、"
                    "内容重复的群最典型。"
                ),
            },
            {
                "key": "r2",
                "text": "档案工作涉密，不应在任何群里讨论。",
                "correct": False,
                "feedback": (
                    "涉密内容本来就不能发到群里，但那是另一条规定，"
                    "并不能说明为什么要把9个群并成一两个。"
                ),
            },
            {
                "key": "r3",
                "text": "群越少，负担就一定越轻。",
                "correct": False,
                "feedback": (
                    "并非如此：在社区、窗口单位，减群反而可能增加负担、损害群众利益。"
                    "这里之所以有效，是因为这些群彼此重复。"
                ),
            },
            {
                "key": "r4",
                "text": "县里规定了每个单位工作群的数量上限。",
                "correct": False,
                "feedback": (
                    "上级定的指标不能作为理由。这里应当精简，是由档案馆自身情况决定的，"
                    "没有指标也应该这样做。"
                ),
            },
        ],
    },
    {
        "key": "checkin-screenshot-groups",
        "kind": "decision",
        "competencies": ["formalism", "measures"],
        "part": 1,
        "unit_kind": "township",
        "prompt": (
            "**白水镇**政府有46名工作人员。除日常工作群外，去年还建了3个群：“早签到”群，"
            "每人8:30前发带定位的自拍；“学习积分”群，每人每天发学习软件的积分截图；“下村工作”群，"
            "工作人员发自己下村走访的照片。办公室把所有截图汇总成每周排名。"
            "考勤本来已有门禁打卡机记录，下村走访也记在工作日志里。工作人员说每天拍照、截图、"
            "发群要花二三十分钟。镇政府以外没有人使用这些群。\n\n"
            "镇里应当如何处理这3个群？"
        ),
        "decision": "dissolve",
        "decision_feedback": {
            "dissolve": (
                "正确。这些群只用于打卡和截图，考勤和走访在别处已有记录，解散不影响任何工作，"
                "还能把时间腾出来干实事。"
            ),
            "merge": (
                "不够。把3个截图群并成一个，每天截图的做法照旧；问题出在打卡截图本身，"
                "而不是群的数量。"
            ),
            "keep": (
                "错误。截图排名衡量的是“痕迹”而不是实绩；保留这些群就是保留减负要去除的形式主义。"
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "人数多的群一定是负担。",
                "correct": False,
                "feedback": (
                    "人数不是标准：几百名居民的楼栋群完全可能值得保留。这几个群要解散，"
                    "是因为它们的用途。"
                ),
            },
            {
                "key": "r2",
                "text": "镇里必须减掉3个群才能完成县里的指标。",
                "correct": False,
                "feedback": (
                    "只为完成数字而行动，本身就是形式主义。这里应当解散，"
                    "是因为这些群除了打卡别无用处。"
                ),
            },
            {
                "key": "r3",
                "text": "工作人员不喜欢这些群，所以应该取消。",
                "correct": False,
                "feedback": (
                    "工作人员的喜好不是标准；关键在于这些群不服务任何工作，而且与已有记录重复。"
                ),
            },
            {
                "key": "r4",
                "text": "这些群只产生与现有记录重复的打卡截图，没有任何工作或服务依赖它们。",
                "correct": True,
                "feedback": (
                    "这正是解析所指的现象：为网上办公而建、只增加工作量却不服务于工作的群，"
                    "去掉它们不会影响工作。"
                ),
            },
        ],
    },
    {
        "key": "window-service-centre-requests",
        "kind": "decision",
        "competencies": ["public", "situation"],
        "part": 4,
        "unit_kind": "window",
        "prompt": (
            "**县政务服务中心**设有26个窗口，办理社保、公积金、企业登记、民政等业务。"
            "除一个内部工作群外，中心按业务条线建了9个服务群，"
            "成员是正在办理业务的居民和企业（共约3000人），每个群由两名窗口工作人员负责。"
            "群众在群里咨询需要带哪些材料、反映系统故障、了解新规定，"
            "中心也在群里发布办事提醒和政策变化。县里新下发通知，要求各单位“精简工作群，"
            "为基层减负”。\n\n"
            "中心应当如何处理这9个服务群？"
        ),
        "decision": "keep",
        "decision_feedback": {
            "dissolve": (
                "错误。窗口单位的主要工作就是服务群众，服务群是群众咨询的第一入口，"
                "也是新政策到达群众的渠道。解散后群众只能排队、跑腿，增加的是群众的负担。"
            ),
            "merge": (
                "不是最佳选择。把9条业务线并成一个群，社保咨询和企业登记咨询混在一起，回复更慢、"
                "更不精准；按需求分群正是精准服务的基础。"
            ),
            "keep": (
                "正确。服务群收集群众诉求、宣传政策，这正是中心的主要工作。应当保留，"
                "并做到有人值守、常见问题置顶，让群规范有序。"
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "政务服务中心要体现无纸化办公，保留工作群正好能证明这一点。",
                "correct": False,
                "feedback": "保留工作群不是为了展示网上办公，而是因为它们能为群众解决实际问题。",
            },
            {
                "key": "r2",
                "text": "中心的主要工作是服务群众，按业务分群能让工作人员及时听到诉求、精准答复。",
                "correct": True,
                "feedback": (
                    "与解析一致：窗口单位需要第一时间了解群众真实诉求、宣传政策，"
                    "按需求分群能够实现精准服务。"
                ),
            },
            {
                "key": "r3",
                "text": "通知只针对内部工作群，对外服务群自动豁免。",
                "correct": False,
                "feedback": (
                    "通知并没有这样的划分。关键是具体问题具体分析：看每个群干什么用，"
                    "精简后会不会影响工作。"
                ),
            },
            {
                "key": "r4",
                "text": "服务群不占用工作人员什么精力，所以谈不上负担。",
                "correct": False,
                "feedback": (
                    "服务群当然要花时间。关键在于这些时间用在了群众的真实诉求上，本身就是工作，"
                    "而不是无用的负担。"
                ),
            },
        ],
    },
    {
        "key": "township-finance-oa-duplicates",
        "kind": "decision",
        "competencies": ["measures", "formalism"],
        "part": 4,
        "unit_kind": "township",
        "prompt": (
            "**青石镇财政所**有7名工作人员。去年镇里上线了正式的OA办公系统，文件、"
            "报销审批和截止提醒都在系统里下发和跟踪。但财政所仍保留着4个群：“财政通知”“报销”"
            "“预算截止”“财政全体”，每个群都是这7个人加上全镇18名村会计。"
            "每份OA文件还要再发到一个或几个群里，要求“收到请回复”，村会计得在两个地方分别确认。"
            "村会计有时也会在群里问一些记账上的问题。\n\n"
            "财政所应当如何处理这4个群？"
        ),
        "decision": "merge",
        "decision_feedback": {
            "dissolve": (
                "做过头了。村会计在群里咨询记账问题，这是OA系统满足不了的真实需求，"
                "全部解散就把这个需求也一并取消了。"
            ),
            "merge": (
                "正确。文件和审批已经在OA系统里运转，4个群与系统重复。"
                "应合并为一个与村会计沟通的答疑群，不再转发OA文件、不再要求逐一回复“收到”。"
            ),
            "keep": (
                "错误。每份OA文件再发一遍、要求双重确认，是重复劳动，也是形式主义；"
                "保留4个群等于把这些都保留了下来。"
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "镇领导希望年终总结里群的数量少一些。",
                "correct": False,
                "feedback": (
                    "为了报表好看而减数字，正是解析批评的指标思维；真正的理由是与OA系统重复。"
                ),
            },
            {
                "key": "r2",
                "text": "这些群与OA系统重复，文件留在OA里就行，剩下的咨询用一个群足够。",
                "correct": True,
                "feedback": (
                    "减少重复工作是解析提出的对策之一；保留一个群满足咨询这一真实需要，"
                    "同时去掉重复。"
                ),
            },
            {
                "key": "r3",
                "text": "双重确认能保证没人错过截止时间。",
                "correct": False,
                "feedback": (
                    "双重确认是重复劳动，不是保障措施；OA系统本身就能跟踪截止时间和阅读情况。"
                ),
            },
            {
                "key": "r4",
                "text": "财政工作属于内部事务，财政所根本不需要工作群。",
                "correct": False,
                "feedback": (
                    "过于绝对：村会计的咨询是实实在在的工作。要看群实际承担什么，"
                    "而不是对一类单位一概而论。"
                ),
            },
        ],
    },
    {
        "key": "village-flood-warning-group",
        "kind": "decision",
        "competencies": ["public", "situation"],
        "part": 4,
        "unit_kind": "village",
        "prompt": (
            "**上坪村**位于山区河边，共310户，不少年轻人外出务工，老人留守在家。"
            "村委会建有一个“村务和防汛预警”群，约420人，每户至少一人在群里，其中包括在外务工、"
            "再打电话转告父母的村民。汛期村委会在群里发布暴雨预警、转移路线和道路封闭信息，"
            "平时发布各类补贴和医保通知。乡镇要求各村“清理不必要的工作群”。\n\n"
            "村委会应当如何处理这个群？"
        ),
        "decision": "keep",
        "decision_feedback": {
            "dissolve": (
                "错误。这个群是预警信息快速传到每家每户的渠道，"
                "解散后一旦发生汛情可能危及群众生命安全，在外务工的家庭也收不到政策通知。"
            ),
            "merge": "并不适用。这本来就是覆盖全村的一个群，没有可以合并、又能更好服务村民的对象。",
            "keep": (
                "正确。这个群直接服务村民，承担应急预警和政策宣传。“清理”针对的是不服务工作的群，"
                "而不是这样的群。"
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "防汛预警一年只用几个月，其余时间这个群可有可无。",
                "correct": False,
                "feedback": (
                    "这个群全年都在发布政策通知，如果每年汛期前后反复解散、重建，既增加工作量，"
                    "又会漏掉成员。"
                ),
            },
            {
                "key": "r2",
                "text": "反正乡镇也查不到村里有没有解散。",
                "correct": False,
                "feedback": "有没有人检查不是问题的关键，判断的依据是这个群为村民做了什么。",
            },
            {
                "key": "r3",
                "text": "村级工作群不在减负要求的范围内。",
                "correct": False,
                "feedback": (
                    "没有哪个单位是豁免的，每个群都要看它承担什么工作。这个群经得起这样的检验。"
                ),
            },
            {
                "key": "r4",
                "text": (
                    "这个群能迅速把预警和政策通知送到每一户，包括在外务工的家庭，"
                    "没有别的渠道能替代。"
                ),
                "correct": True,
                "feedback": (
                    "解析强调，与群众打交道的单位，工作群在信息收集和宣传上作用很大；在这里，"
                    "这种作用还关系到群众的生命安全。"
                ),
            },
        ],
    },
    {
        "key": "finished-project-groups",
        "kind": "decision",
        "competencies": ["situation", "measures"],
        "part": 4,
        "unit_kind": "county",
        "prompt": (
            "**县交通运输局**承建的一条农村公路项目八个月前已完工并通过验收，后期养护已移交各乡镇，"
            "乡镇有自己的联系渠道。项目的6个群仍然保留着：“A标段”“B标段”“质量检测”“征地补偿”“材料”"
            "“项目领导小组”，共约120人，来自交通局、施工单位和乡镇。"
            "几个月来群里没有任何与项目有关的内容，但局里有人“以防万一”把一般通知也转到这些群里，"
            "施工单位的人问为什么还在收这些消息。\n\n"
            "交通局应当如何处理这6个群？"
        ),
        "decision": "dissolve",
        "decision_feedback": {
            "dissolve": (
                "正确。项目已经结束，养护另有渠道，这些群已不承担任何工作。把需要的资料存档、"
                "发个说明后解散即可。"
            ),
            "merge": (
                "没有必要。把6个闲置的群并成一个，仍是一个没有任务的群，“以防万一”的转发还会继续。"
            ),
            "keep": (
                "错误。闲置的群会招来重复转发，还打扰项目以外的人；保留只增加负担，没有任何好处。"
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "建群时的任务已经完成，后续工作另有渠道，解散不会影响任何工作。",
                "correct": True,
                "feedback": "解析强调在不影响工作的前提下精简；这里已经没有工作可受影响了。",
            },
            {
                "key": "r2",
                "text": "6个群太多了，一个局的项目群不应超过两个。",
                "correct": False,
                "feedback": "没有哪个数字适用于所有单位和项目；标准是群是否还在服务于工作。",
            },
            {
                "key": "r3",
                "text": "解散这些群，减负统计数据会更好看。",
                "correct": False,
                "feedback": (
                    "为了统计数字而行动，正是解析批评的指标思维；"
                    "真正的理由是这些群已经没有工作可做。"
                ),
            },
            {
                "key": "r4",
                "text": "有施工单位人员的群存在安全隐患，一律要解散。",
                "correct": False,
                "feedback": (
                    "安全问题另有规定；项目进行期间这些群是有用的。现在解散，是因为任务已经结束。"
                ),
            },
        ],
    },
    {
        "key": "street-grid-area-groups",
        "kind": "decision",
        "competencies": ["situation", "public"],
        "part": 4,
        "unit_kind": "street",
        "prompt": (
            "**东城街道**辖区有6.2万居民，划分为48个网格。每名网格员为本网格的居民和商户建了一个网"
            "格群（每群200至500人），街道另有一个48名网格员的工作群。网格员通过网格群收集问题，"
            "如下水道堵塞、独居老人需要探访、商户纠纷等，也发布疫苗接种日、出租房屋登记规定等通知；"
            "问题收集后再录入市里的网格化管理系统。前来检查的工作组说了一句“49个群有点多”。\n\n"
            "街道应当如何处理这些网格群？"
        ),
        "decision": "keep",
        "decision_feedback": {
            "dissolve": (
                "错误。没有网格群，问题只能靠走访和电话收集，既慢又不全，"
                "48个网格的居民也失去了离自己最近的反映渠道。"
            ),
            "merge": (
                "不是最佳选择。把6.2万居民并进几个大群，不同网格的问题混在一起，"
                "网格员也难以对自己的片区负责；按区域分群才能精准服务。"
            ),
            "keep": (
                "正确。街道的主要工作对象是居民，按网格分群便于管理、服务精准；"
                "49个群反映的是服务人口的规模，而不是形式主义。"
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "上级规定每个网格必须建一个群。",
                "correct": False,
                "feedback": (
                    "不是因为有规定才保留，而是因为它们在为居民服务；如果某个网格群不再发挥作用，"
                    "也应像其他群一样进行梳理。"
                ),
            },
            {
                "key": "r2",
                "text": "反正问题都要录入网格系统，保留群不会增加额外工作。",
                "correct": False,
                "feedback": (
                    "网格群确实要占用网格员的时间。之所以值得，是因为群是问题最先进来、"
                    "通知发出去的地方，系统只是事后登记。"
                ),
            },
            {
                "key": "r3",
                "text": (
                    "网格群按片区划分，每名网格员都能及时听到并回应本片区居民的诉求，"
                    "这正是街道的主要工作。"
                ),
                "correct": True,
                "feedback": (
                    "解析指出，服务群众较多的单位按不同区域和需求建群，一方面便于管理，"
                    "一方面能够精准服务，网格群正是如此。"
                ),
            },
            {
                "key": "r4",
                "text": "检查组的话不是正式要求，街道不理会就行。",
                "correct": False,
                "feedback": (
                    "问题不在于这句话有没有约束力，而在于街道能否用网格群承担的实际工作说明它们为什"
                    "么必要。"
                ),
            },
        ],
    },
    {
        "key": "bureau-notice-reposted-five-groups",
        "kind": "decision",
        "competencies": ["formalism", "measures"],
        "part": 4,
        "unit_kind": "office",
        "prompt": (
            "**县人力资源和社会保障局**机关有25名工作人员（对外服务窗口设在县政务服务中心，"
            "单独管理）。局里每条内部通知都要发到5个群：“全体人员”“通知”“办公室事务”“领导指示”"
            "“值班”，5个群里都是同样的25个人。大家要在每个群里回复“收到”，办公室逐一核对，"
            "没回的还要催。一条会议通知往往引出一百多条“收到”。"
            "工作人员确实需要一个可靠的地方接收通知和值班安排。\n\n"
            "局里应当如何处理这5个群？"
        ),
        "decision": "merge",
        "decision_feedback": {
            "dissolve": (
                "做过头了。工作人员仍需要一个可靠的渠道接收通知和值班安排，5个群全部解散，"
                "通知只能改用电话和私信。"
            ),
            "merge": (
                "正确。成员相同、内容相同的5个群纯属重复。合并为一个群，每条通知只发一次，"
                "取消逐一回复“收到”的做法。"
            ),
            "keep": "错误。一条通知发5个群、核对5遍回复，是减负应当去掉的重复劳动。",
        },
        "reasons": [
            {
                "key": "r1",
                "text": "内部工作群都没用，越少越好。",
                "correct": False,
                "feedback": (
                    "内部群并非没用，工作人员需要一个群接收通知。问题在于重复，而不在于内部群本身。"
                ),
            },
            {
                "key": "r2",
                "text": "局里有减群的任务指标要完成。",
                "correct": False,
                "feedback": "精简工作群不能只是为了完成指标；这里之所以要合并，是因为重复本身。",
            },
            {
                "key": "r3",
                "text": "回复“收到”能证明通知已送达，每个群都应该保留。",
                "correct": False,
                "feedback": "数回复是做给人看的“留痕”；一个群就够了，确有必要时再确认是否已读。",
            },
            {
                "key": "r4",
                "text": (
                    "5个群成员完全相同、发的是同样的通知，一个群就能完成同样的工作，"
                    "工作量只有原来的五分之一。"
                ),
                "correct": True,
                "feedback": (
                    "减少重复工作是解析中的重要对策；通知送达这项工作保留了，去掉的只是重复。"
                ),
            },
        ],
    },
    {
        "key": "paperless-and-burden-view",
        "kind": "single",
        "competencies": ["policy", "public"],
        "part": 2,
        "unit_kind": "",
        "prompt": (
            "现在无纸化办公很普遍，但一些地方政府盲目推行网上办公，建立了大量工作群；"
            "为了给基层减压，一些地方又要求解散基层工作群。\n\n"
            "下列哪种看法最符合参考解析？"
        ),
        "options": [
            {
                "key": "a",
                "text": "减负应当优先于服务群众，因为干部累垮了就谁也服务不了。",
                "correct": False,
                "feedback": (
                    "解析并没有把两者对立起来：减负正是为了让干部把更多精力投入到为群众办实事上。"
                ),
            },
            {
                "key": "b",
                "text": "无纸化办公是基层形式主义的根源，应当收缩。",
                "correct": False,
                "feedback": (
                    "解析认为无纸化办公是积极的：节约纸张、简化流程、方便群众网上办事。"
                    "问题出在盲目、过度地推行。"
                ),
            },
            {
                "key": "c",
                "text": (
                    "无纸化办公和基层减负都是积极举措，但如果简单粗暴、搞“一刀切”，"
                    "不做具体问题具体分析，就会影响工作效率和群众满意度。"
                ),
                "correct": True,
                "feedback": (
                    "这正是解析的观点：两项举措都是为人民服务，但“一刀切”会让好政策落不了地，"
                    "影响党和政府的工作效率和群众满意度。"
                ),
            },
            {
                "key": "d",
                "text": "解散工作群已经在各地减轻了负担，政策已经完全成功。",
                "correct": False,
                "feedback": (
                    "解析承认解散、合并工作群确实起到了减负作用，但也提醒："
                    "方法简单粗暴就会变成“一刀切”，既影响工作，也影响满意度。"
                ),
            },
        ],
    },
    {
        "key": "county-halve-groups-quota",
        "kind": "single",
        "competencies": ["situation", "formalism", "policy"],
        "part": 4,
        "unit_kind": "",
        "prompt": (
            "为响应基层减负的要求，某县起草了一份通知：“各单位须在月底前将微信工作群数量至少压减一"
            "半，并附截图上报压减前后的数量。”全县各单位既有档案馆、财政局，也有街道、"
            "社区和政务服务中心。领导请你对这份通知提出意见。\n\n"
            "下列哪条意见最符合政策精神？"
        ),
        "options": [
            {
                "key": "a",
                "text": (
                    "取消统一的压减比例。由各单位对照自身工作梳理工作群：重复的、只用于打卡的、"
                    "闲置的群予以精简，服务群众的群保留并规范，"
                    "以实际减掉的工作量而不是群的数量来检验成效。"
                ),
                "correct": True,
                "feedback": (
                    "这符合解析的要求：不搞“一刀切”，根据各单位实际情况决定，"
                    "不为完成指标而解散工作群，用实实在在减掉的工作量衡量减负成效。"
                ),
            },
            {
                "key": "b",
                "text": "保留指标，但取消截图上报的要求，以减轻报送负担。",
                "correct": False,
                "feedback": (
                    "取消截图确实少了一项材料，但压减比例本身仍会逼着各单位为了数字去解散工作群。"
                ),
            },
            {
                "key": "c",
                "text": "按原稿下发：统一明确的指标最公平，能促使每个单位都行动起来。",
                "correct": False,
                "feedback": (
                    "统一的数字忽视了单位之间的差别：社区把楼栋群砍掉一半，"
                    "就会失去居民赖以反映问题的渠道。没有哪个指标适合所有单位。"
                ),
            },
            {
                "key": "d",
                "text": "保留压减50%的指标，但对社区和窗口单位予以豁免。",
                "correct": False,
                "feedback": (
                    "比“一刀切”好一些，但仍然是指标思维：只有一个有用群的财政所也得砍，"
                    "而有9个重复群的档案馆砍到5个就算达标。判断必须以每个群承担的工作为依据。"
                ),
            },
        ],
    },
    {
        "key": "township-farmer-crop-groups",
        "kind": "decision",
        "competencies": ["public", "situation"],
        "part": 4,
        "unit_kind": "township",
        "prompt": (
            "**莲花镇农业服务中心**有9名工作人员，服务约5000户农户。中心按产业为农户建了6个群："
            "水稻、茶叶、蔬菜、水果、畜牧，以及一个农民合作社群。农户在群里发病叶、病畜照片，"
            "几个小时内就能得到技术指导；工作人员按不同产业发布病虫害预警、补贴申报时间和气象提醒。"
            "中心内部9人共用一个工作群。镇里正在梳理各单位的工作群，"
            "一位副镇长提出“农户群有一个就够了”。\n\n"
            "中心应当如何处理这6个农户群？"
        ),
        "decision": "keep",
        "decision_feedback": {
            "dissolve": (
                "错误。农户会失去及时的技术指导和有针对性的预警，工作人员要花更多时间打电话、"
                "下村才能联系到同样的人。"
            ),
            "merge": (
                "不是最佳选择。并成一个群，茶农的问题会被畜牧信息淹没；按需求分群，"
                "工作人员才能精准指导、及时预警。"
            ),
            "keep": (
                "正确。这虽然是乡镇单位，但主要工作是服务农户；按需求划分的群能精准收集问题、"
                "宣传政策。"
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "6个群低于全镇平均数，这个数量可以接受。",
                "correct": False,
                "feedback": (
                    "和平均数比较，本质上还是看指标；真正的标准是每个群是否服务于实际工作。"
                ),
            },
            {
                "key": "r2",
                "text": "农户喜欢这些群，群众喜欢的就应该保留。",
                "correct": False,
                "feedback": (
                    "农户方便当然重要，但判断要以群承担的工作为依据；只看喜好，"
                    "也可能让毫无用处的群保留下来。"
                ),
            },
            {
                "key": "r3",
                "text": (
                    "中心的主要工作是服务农户，按产业分群能及早发现问题，"
                    "把相关的预警和政策精准送到对应农户。"
                ),
                "correct": True,
                "feedback": (
                    "保不保留工作群，要看单位的实际工作，而不是看行政层级："
                    "这个中心天天和群众打交道，按需求分群能实现精准服务。"
                ),
            },
            {
                "key": "r4",
                "text": "减负针对的是县直部门，乡镇单位不用精简。",
                "correct": False,
                "feedback": (
                    "减负在各个层级都适用；中心保留这些群是因为它们承担的工作，"
                    "而不是因为所处的层级。"
                ),
            },
        ],
    },
    {
        "key": "township-village-leader-groups",
        "kind": "decision",
        "competencies": ["situation", "measures"],
        "part": 4,
        "unit_kind": "township",
        "prompt": (
            "**河口镇**有16个村。多年来，镇里各个办公室都分别建了自己的群，"
            "拉进16个村的党支部书记和村委会主任：农业、民政、安全、环保、党建、统计、卫生、综治，"
            "共8个群，成员几乎都是这32个人。镇里的同一条通知常常发到好几个群，"
            "村书记们说每天晚上要把8个群都翻一遍，生怕漏掉截止时间。也有办公室用群来完成具体任务，"
            "比如汛期收集安全检查报告。\n\n"
            "镇里应当如何处理这8个群？"
        ),
        "decision": "merge",
        "decision_feedback": {
            "dissolve": (
                "过于简单粗暴。村里仍需要与镇里联系的渠道，汛期收集安全检查报告等工作也离不开；"
                "8个群全部解散，工作又会回到打电话、开会上。"
            ),
            "merge": (
                "正确。成员相同的8个群相互重复。应合并为一个镇村工作群，"
                "只在确有任务需要时另建专项群，每条通知只发一次。"
            ),
            "keep": (
                "错误。让村干部每天翻8个群看同样的通知，是压在基层身上的重复劳动，"
                "正是减负要解决的问题。"
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "县里规定每个乡镇与村之间的工作群不得超过3个。",
                "correct": False,
                "feedback": "统一上限不是理由；这个决定来自对本镇实际情况的分析，即各群相互重复。",
            },
            {
                "key": "r2",
                "text": (
                    "各群成员相同、通知重复，一个规则清楚的主群，加上必要时才建的专项群，"
                    "既能保证工作又能大大减少翻群的负担。"
                ),
                "correct": True,
                "feedback": (
                    "这符合解析的思路：在不影响工作的前提下精简重复的群，减少基层的重复劳动。"
                ),
            },
            {
                "key": "r3",
                "text": "村书记太忙顾不上看群，镇里应改为开会布置工作。",
                "correct": False,
                "feedback": (
                    "用更多会议代替工作群只会加重负担；目标是渠道更少、更清楚，而不是回到开会上。"
                ),
            },
            {
                "key": "r4",
                "text": "村里是直接面对群众的，涉及村干部的群都必须保留。",
                "correct": False,
                "feedback": (
                    "这些群是镇里和村干部之间的，不是和村民之间的，“面对群众”的理由在这里不成立，"
                    "而且它们彼此重复。"
                ),
            },
        ],
    },
    {
        "key": "window-praise-screenshot-group",
        "kind": "decision",
        "competencies": ["formalism", "public"],
        "part": 4,
        "unit_kind": "window",
        "prompt": (
            "**新河区税务服务厅**设有12个窗口。每笔业务办完后，官方“好差评”系统已经收集满意度，"
            "纳税人的咨询也有服务厅的咨询群和热线处理。上个季度，服务厅又建了一个“服务点赞”群："
            "工作人员要邀请每位接待的纳税人进群、请他们发一条点赞，并每天把截图交给办公室，"
            "用于每月的人员排名。这个群现在有900人，除了点赞没有别的内容。"
            "已有几位纳税人投诉被要求点赞。\n\n"
            "服务厅应当如何处理这个“服务点赞”群？"
        ),
        "decision": "dissolve",
        "decision_feedback": {
            "dissolve": (
                "正确。即使是窗口单位，这个群既不收集诉求也不宣传政策，只是制造点赞截图，"
                "与官方评价系统重复，给工作人员和纳税人都增加了负担。"
            ),
            "merge": (
                "错误。并入咨询群，等于把点赞要求带进纳税人咨询真实问题的渠道，反而让咨询群变差。"
            ),
            "keep": (
                "错误。窗口单位保留的是服务群众的群；这个群服务的是排名，"
                "还让它声称要服务的群众感到反感。"
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "这个群只为制造点赞截图，与官方评价系统重复，不服务纳税人的真实需求。",
                "correct": True,
                "feedback": (
                    "群的去留取决于它做什么：窗口单位保留工作群，是因为它们收集诉求、宣传政策，"
                    "而这个群两样都不做。"
                ),
            },
            {
                "key": "r2",
                "text": "900人的群太大，管不过来。",
                "correct": False,
                "feedback": (
                    "规模不是问题，一个能解答真实问题的大群值得好好管理。这个群没有任何实际作用。"
                ),
            },
            {
                "key": "r3",
                "text": "服务厅的服务已经很好了，不需要收集评价。",
                "correct": False,
                "feedback": (
                    "评价当然需要，而且“好差评”系统已在收集；这个群只是在上面又加了一层截图。"
                ),
            },
            {
                "key": "r4",
                "text": "窗口单位根本不应该建有群众参加的群。",
                "correct": False,
                "feedback": (
                    "恰恰相反，窗口单位需要通过群了解群众诉求。这个群要解散，是因为它的用途，"
                    "而不是因为单位类型。"
                ),
            },
        ],
    },
    {
        "key": "groups-cut-still-overloaded",
        "kind": "single",
        "competencies": ["measures", "formalism"],
        "part": 4,
        "unit_kind": "",
        "prompt": (
            "去年春天，**枫桥镇**把工作群从40个压减到12个，受到县里表扬。半年过去，"
            "工作人员仍然疲惫不堪：大多数日子要开两三个会；每个村每月要报30多种表格和材料，"
            "其中好几种要的是同样的数据；同一本台账纸质、电子各做一份；少数人承担了大部分任务，"
            "其他人等着安排。镇长问下一步该怎么办。\n\n"
            "下列哪条建议最好？"
        ),
        "options": [
            {
                "key": "a",
                "text": "既然第一轮有效果，就继续把群压减到6个。",
                "correct": False,
                "feedback": (
                    "工作群已不是负担的主要来源，继续压减还可能砍掉有用的渠道；"
                    "单靠精简工作群解决不了问题。"
                ),
            },
            {
                "key": "b",
                "text": "接受现状：基层工作本来就重，压减工作群已经完成了上级要求。",
                "correct": False,
                "feedback": (
                    "把压减工作群当成终点，本身就是形式主义；政策的目标是减少无用的工作量，"
                    "而不是完成一项指标。"
                ),
            },
            {
                "key": "c",
                "text": "新建一个群，让工作人员每天上报工作时长，以便镇里掌握谁负担过重。",
                "correct": False,
                "feedback": "新建一个上报群，恰恰增加了镇里想要减掉的那种工作量。",
            },
            {
                "key": "d",
                "text": (
                    "多管齐下：精简不必要的会议和材料，合并要求同样数据的表格，不再重复做台账，"
                    "优化工作程序，合理分配任务，调动全体人员的积极性。"
                ),
                "correct": True,
                "feedback": (
                    "解析明确指出，精简工作群不能从根本上解决基层负担重的问题，会议、材料、"
                    "重复工作、工作程序和人员积极性都要一起抓。"
                ),
            },
        ],
    },
    {
        "key": "measures-that-reduce-burden",
        "kind": "multiple",
        "competencies": ["measures", "formalism"],
        "part": 4,
        "unit_kind": "",
        "prompt": (
            "某街道想切实减轻机关工作人员和社区工作者的负担，而不是做做样子。\n\n"
            "下列哪些措施能够真正为基层减负？（多选）"
        ),
        "options": [
            {
                "key": "a",
                "text": "取消所有工作群消息，改为印发纸质通知、逐户送达。",
                "correct": False,
                "feedback": (
                    "退回纸质办公只会增加跑腿、拖慢信息传递；无纸化办公用得合理是好事，"
                    "要减的是无用的工作，而不是有用的工具。"
                ),
            },
            {
                "key": "b",
                "text": (
                    "在全体人员中合理分配任务，给大家发挥主动性的空间，"
                    "让整个团队的力量都投入到工作中。"
                ),
                "correct": True,
                "feedback": "解析要求充分调动单位全体人员的积极性，而不是把工作压在少数人身上。",
            },
            {
                "key": "c",
                "text": "减少重复工作，比如同一本台账不再纸质、电子各做一份，并简化审批程序。",
                "correct": True,
                "feedback": "减少重复工作、优化工作程序，都是解析“多管齐下”中的措施。",
            },
            {
                "key": "d",
                "text": "取消只传达文件的会议，合并要求同样数据的报表。",
                "correct": True,
                "feedback": "减少不必要的会议和材料，正是解析列出的首要措施之一。",
            },
            {
                "key": "e",
                "text": "要求各社区每周上报解散了多少个工作群，并附截图作为证明。",
                "correct": False,
                "feedback": "这把减负变成了新的指标和新的报表，本身就是它声称要反对的形式主义。",
            },
        ],
    },
    {
        "key": "community-care-need-groups",
        "kind": "decision",
        "competencies": ["public", "policy"],
        "part": 4,
        "unit_kind": "community",
        "prompt": (
            "**西苑社区**老龄化程度高：70岁以上居民640人，其中独居老人85人，另有残疾居民40人。"
            "除楼栋群外，社区按需求建了3个群：一个联系独居老人家属、社区工作人员和志愿者，"
            "一个面向残疾居民的照护者，一个是送餐、入户探访的志愿者群。这些群用来安排探访、"
            "报告紧急情况、发布照护补贴信息。新任社区书记想为基层减负，"
            "提出把这3个群并入楼栋群。\n\n"
            "社区应当如何处理这3个照护群？"
        ),
        "decision": "keep",
        "decision_feedback": {
            "dissolve": (
                "错误。这些群协调的是对最困难群体的照护，解散后紧急情况的响应和日常探访都会变慢。"
            ),
            "merge": (
                "不是最佳选择。并入楼栋群，照护中的隐私会暴露给几百名邻居，"
                "关于独居老人的紧急消息也容易淹没在一般通知里。"
            ),
            "keep": (
                "正确。服务群众多的单位要按区域、按需求建群；"
                "这些照护群让最需要帮助的居民得到精准服务。"
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "这几个群人数少，不会构成负担。",
                "correct": False,
                "feedback": (
                    "人数多少不是标准，一个只收截图的小群照样是负担。这些群保留，"
                    "是因为它们支撑着照护工作。"
                ),
            },
            {
                "key": "r2",
                "text": "减负看的是群的数量，而且只统计对外的群。",
                "correct": False,
                "feedback": "减负是要减掉无用的工作，而不是数群的个数，不管是哪类群。",
            },
            {
                "key": "r3",
                "text": "按需求分群能让社区精准协调对困难居民的照护，遇到紧急情况快速响应。",
                "correct": True,
                "feedback": (
                    "解析提出要“根据不同区域和需求”建群以实现精准服务；"
                    "减负是为了让工作人员把精力用在这样的工作上，而不是把这样的工作减掉。"
                ),
            },
            {
                "key": "r4",
                "text": "新任书记无权调整社区工作群。",
                "correct": False,
                "feedback": (
                    "问题不在于有没有权限，书记完全可以精简重复的群。这个提议不对，"
                    "是因为这些群服务于居民的特定需求。"
                ),
            },
        ],
    },
    {
        "key": "county-campaign-liaison-groups",
        "kind": "decision",
        "competencies": ["policy", "measures"],
        "part": 4,
        "unit_kind": "county",
        "prompt": (
            "**县政府办公室**负责协调34个县直部门。两年来，每开展一项专项工作就建一个联络群，"
            "如“文明城市创建”“安全生产月”“乡村振兴”“营商环境”“垃圾分类”等，共11个群。"
            "每个群里都是34个部门的同一批联络员，再加上县政府办的工作人员。其中3项工作已经结束，"
            "其余仍在进行；同一份报表模板经常在几个群里同时催要。"
            "联络员们说每周要花好几个小时在各群之间核对要求。\n\n"
            "县政府办应当如何处理这11个群？"
        ),
        "decision": "merge",
        "decision_feedback": {
            "dissolve": (
                "过于简单粗暴。仍在进行的专项工作需要34个部门协调配合，全部解散就没有了联络渠道，"
                "要求只能改用电话和发文。"
            ),
            "merge": (
                "正确。各群联络员相同、要求交叉重复。已结束专项的群关闭，进行中的合并为一个联络群，"
                "每份报表只要一次。"
            ),
            "keep": (
                "错误。成员相同的11个群并行运转，给每个部门带来重复要求和反复核对，"
                "这正是政策要去掉的重复劳动。"
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "县政府办应当带头，群的数量要全县最少。",
                "correct": False,
                "feedback": "争当数量最少的“榜样”是做给人看的目标；合并的理由是重复，而不是排名。",
            },
            {
                "key": "r2",
                "text": "每项专项工作都很重要，都应该有自己的群。",
                "correct": False,
                "feedback": (
                    "重要不等于必须单独建群，何况成员完全一样；关键是把工作做好、不搞重复。"
                ),
            },
            {
                "key": "r3",
                "text": "专项工作本来就是形式主义，群怎么处理无所谓。",
                "correct": False,
                "feedback": (
                    "专项工作承载着实实在在的政策任务；问题出在协调方式上，而不是专项工作本身。"
                ),
            },
            {
                "key": "r4",
                "text": (
                    "每个群都是同一批联络员，要求相互重叠，一个联络群就能服务正在进行的专项工作，"
                    "大大减少重复劳动。"
                ),
                "correct": True,
                "feedback": (
                    "政策的本意是让干部从无用的工作中解脱出来、干实事；合并保留了协调功能，"
                    "去掉了重复。"
                ),
            },
        ],
    },
    {
        "key": "street-sharing-screenshot-group",
        "kind": "decision",
        "competencies": ["formalism", "public"],
        "part": 1,
        "unit_kind": "street",
        "prompt": (
            "**南关街道**办事处为60名机关工作人员和90名社区工作者建了一个“宣传任务”群。"
            "每周好几次在群里发一篇文章，要求大家转发到个人朋友圈，两小时内截图回传；"
            "办公室统计谁转了、谁没转，名单在月度例会上通报。"
            "居民的政策通知本来就通过各社区的楼栋群、网格群发布，这些群单独运行。社区工作者说，"
            "为了赶截图时限，入户走访常常被打断。\n\n"
            "街道应当如何处理这个“宣传任务”群？"
        ),
        "decision": "dissolve",
        "decision_feedback": {
            "dissolve": (
                "正确。这个群只为制造转发截图。真正的政策宣传已通过楼栋群、网格群到达居民，"
                "解散不影响工作，还能把时间还给社区工作者，用于服务居民。"
            ),
            "merge": (
                "错误。并入网格群或楼栋群，会把截图任务带进居民使用的渠道，形式主义非但没除，"
                "反而扩散了。"
            ),
            "keep": (
                "错误。统计截图衡量的是宣传的“样子”，而不是居民是否真正了解政策；"
                "保留这个群就是保留形式主义。"
            ),
        },
        "reasons": [
            {
                "key": "r1",
                "text": "政策宣传不是街道的职责。",
                "correct": False,
                "feedback": (
                    "恰恰是：宣传政策是街道和社区工作群的重要作用。关键是要通过楼栋群、网格群来做，"
                    "而不是靠截图任务。"
                ),
            },
            {
                "key": "r2",
                "text": (
                    "这个群唯一的用途是转发截图，与真正的宣传渠道重复，还让社区工作者离开了居民。"
                ),
                "correct": True,
                "feedback": (
                    "解析批评的正是增加工作量、导致形式主义的工作群；"
                    "这个群甚至挤占了服务居民的入户走访时间。"
                ),
            },
            {
                "key": "r3",
                "text": "工作人员的个人微信不应该用于任何工作。",
                "correct": False,
                "feedback": (
                    "这是另一个话题，也不是解析给出的理由；解散这个群，是因为它只产生截图，"
                    "不产生实际工作。"
                ),
            },
            {
                "key": "r4",
                "text": "街道的群越少越好。",
                "correct": False,
                "feedback": "街道服务的居民多，往往需要不少工作群；标准不是数量，而是用途。",
            },
        ],
    },
    {
        "key": "leader-dissolved-resident-groups",
        "kind": "single",
        "competencies": ["policy", "public"],
        "part": 3,
        "unit_kind": "",
        "prompt": (
            "县里召开基层减负会议后，**桥头社区**新任书记以“政策要求减少工作群”为由，"
            "把社区15个群全部解散，其中包括居民用来反映问题的楼栋群。此后一个月，"
            "涉及该社区的12345热线来电翻了一番，一位老人家里水管爆裂两天没人上报，"
            "不少居民错过了医保缴费截止日期。\n\n"
            "下列哪项最能说明问题出在哪里、应当怎么做？"
        ),
        "options": [
            {
                "key": "a",
                "text": "社区应当把15个群原样全部恢复，免得再挨批评。",
                "correct": False,
                "feedback": (
                    "恢复居民的渠道是对的，但应当先梳理再恢复，而不是原样照搬：15个群中如有重复的、"
                    "只用于打卡的，仍然可以精简。"
                ),
            },
            {
                "key": "b",
                "text": (
                    "书记误解了政策：减负针对的是无用的工作量，而不是服务居民的渠道。"
                    "社区应当恢复楼栋群并制定群规，县里应当加强对领导干部的政策培训。"
                ),
                "correct": True,
                "feedback": (
                    "解析把领导干部对政策理解不到位列为重要原因；对策是恢复居民依赖的渠道，"
                    "并加强对领导干部的培训。"
                ),
            },
            {
                "key": "c",
                "text": "居民改打热线就行，来电增多说明热线发挥了作用。",
                "correct": False,
                "feedback": (
                    "把居民推给县里的热线，只是把负担转移到别处、让响应变慢；这是错误决定的代价，"
                    "而不是解决办法。"
                ),
            },
            {
                "key": "d",
                "text": "政策本身就错了，县里应当停止推进基层减负。",
                "correct": False,
                "feedback": (
                    "政策本身是好的，目的是让基层干部腾出精力做实事。"
                    "问题出在这里对政策的理解和执行上。"
                ),
            },
        ],
    },
    {
        "key": "why-burden-reduction-falls-short",
        "kind": "multiple",
        "competencies": ["policy", "situation"],
        "part": 3,
        "unit_kind": "",
        "prompt": (
            "在不少地方，包括解散工作群在内的基层减负措施没有达到预期效果。\n\n"
            "根据参考解析，下列哪些是主要原因？（多选）"
        ),
        "options": [
            {
                "key": "a",
                "text": "基层工作人员不愿意使用网上办公工具。",
                "correct": False,
                "feedback": (
                    "解析没有把问题归咎于基层工作人员，反而要求调动他们的积极性；"
                    "它描述的问题是群太多，而不是用得太少。"
                ),
            },
            {
                "key": "b",
                "text": "有些政策不能解决实际问题。",
                "correct": True,
                "feedback": "这是解析列出的第二个原因，比如群减了，会议和材料却一点没少。",
            },
            {
                "key": "c",
                "text": "一些地方领导对政策理解不到位。",
                "correct": True,
                "feedback": "这是解析列出的第三个原因，因此解析建议加强对领导干部的培训。",
            },
            {
                "key": "d",
                "text": "有些政策不符合一些地方的实际情况。",
                "correct": True,
                "feedback": (
                    "解析把这一点列在第一位：适合一个地方的措施，换到情况不同的地方就可能失灵。"
                ),
            },
            {
                "key": "e",
                "text": "中央关于基层减负的政策本身有问题。",
                "correct": False,
                "feedback": (
                    "解析明确指出，党和国家的大政方针都是好的，都是为了更好地为人民服务；"
                    "问题出在落实环节。"
                ),
            },
        ],
    },
    {
        "key": "written-dissolving-work-groups",
        "kind": "written",
        "competencies": ["policy", "situation", "measures"],
        "part": 0,
        "unit_kind": "",
        "prompt": (
            "现在无纸化办公在各行各业都很流行，但一些地方政府盲目推行网上办公，建立了大量工作群，"
            "导致基层形式主义严重。为了给基层减负，一些地方要求解散部分基层工作群。\n\n"
            "**对此你怎么看？**请按结构化面试的方式作答：表明观点、分析原因、提出对策。"
        ),
        "reference": (
            "**表明观点。**无纸化办公和基层减负都是积极的举措。网上办公节约纸张、简化流程、"
            "方便群众网上办事；基层减负让基层干部有更多精力为群众办实事。许多地方解散、合并工作群，"
            "确实起到了减负作用，但如果方法简单粗暴、搞“一刀切”，好政策反而会影响工作，"
            "影响群众对政府的满意度。\n\n"
            "**分析原因。**效果不理想，主要是因为：有些政策不符合地方实际，"
            "有些政策解决不了实际问题，一些领导干部对政策理解不到位。\n\n"
            "**对策建议。**\n\n"
            "1. 具体问题具体分析。街道、社区和窗口单位主要和群众打交道，"
            "工作群能第一时间收集群众真实诉求、宣传政策，按区域和需求分群便于管理、精准服务，"
            "应当保留并规范。对外工作少的单位，可以在不影响工作的前提下精简重复的、打卡式的、"
            "闲置的群。决不能为了完成上级指标而解散工作群。\n"
            "2. 多管齐下：减少不必要的会议和材料，减少重复工作，优化工作程序，"
            "调动全体人员的积极性。\n"
            "3. 加强对领导干部的培训，让他们吃透政策、落实好政策。"
        ),
        "rubric": [
            [
                (
                    "观点明确：无纸化办公和基层减负都是积极举措，但简单粗暴、“一刀切”"
                    "地解散工作群是错误的"
                ),
                2,
            ],
            [
                (
                    "区分不同单位：街道、社区、窗口等面向群众的单位保留并规范工作群；"
                    "在不影响工作的前提下精简重复、打卡、闲置的群"
                ),
                3,
            ],
            [
                "分析原因：政策不符合地方实际、不能解决实际问题、领导干部对政策理解不到位",
                2,
            ],
            [
                (
                    "不局限于工作群：减少会议和材料、减少重复工作、优化程序、调动人员积极性、"
                    "加强领导干部培训"
                ),
                2,
            ],
            [
                "明确反对用上级设定的指标衡量工作落实",
                1,
            ],
        ],
    },
    {
        "key": "written-township-burden-plan",
        "kind": "written",
        "competencies": ["formalism", "measures", "public"],
        "part": 4,
        "unit_kind": "",
        "prompt": (
            "你刚被任命为某镇镇长，全镇有50名工作人员、14个村。县里要求各乡镇“为基层减负，"
            "并在季度末上报成效”。镇里的工作人员抱怨会议、表格、群消息没完没了，"
            "而村民又要靠一些群接收通知和应急预警。\n\n"
            "**你将如何推进减负工作，同时避免陷入形式主义？**"
        ),
        "reference": (
            "**把握政策本意。**减负是为了让干部从无用的工作中解脱出来，更好地服务村民。"
            "季度末上报的应当是工作量减了多少、服务好了多少，而不只是数字变小了。\n\n"
            "**摸清实际情况。**先用几周时间听意见：问各办公室和各村，哪些会议、表格、"
            "台账和工作群最占时间，村民依靠哪些渠道。\n\n"
            "**逐群分析决定。**村民用来接收通知、应急预警和反映诉求的群，保留并规范；"
            "向同一批人发同样通知的镇村工作群，予以合并；打卡群、截图群和已结束项目的闲置群，"
            "予以解散。不定压减数量指标。\n\n"
            "**不止于工作群。**取消只传达文件的会议，合并要求同样数据的表格，不再纸质、"
            "电子重复做台账，优化工作程序，合理分工，调动全体人员的积极性。\n\n"
            "**防止新的形式主义。**不要求各村用截图或新报表证明减负成效；通过询问干部和村民、"
            "核算实际节省的时间来检验效果。向县里如实汇报，包括保留了哪些群、为什么保留，"
            "并反映不符合本地实际的要求。"
        ),
        "rubric": [
            [
                "把减负理解为让干部腾出精力服务群众，以实际工作量和服务效果而非数字检验成效",
                2,
            ],
            [
                "先调查研究再决策，逐个单位、逐个群具体分析",
                2,
            ],
            [
                "保留村民依赖的渠道，同时合并或解散重复、打卡、闲置的群",
                2,
            ],
            [
                "提出工作群以外的措施：会议、材料、重复工作、工作程序、调动人员积极性",
                2,
            ],
            [
                "在落实和汇报中避免新的形式主义（不要截图证明、如实汇报、反映不符合实际的要求）",
                1,
            ],
        ],
    },
]
