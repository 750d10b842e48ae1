"""Every score's weights and thresholds, in one place, so each number can be read, explained and tuned.

Each section belongs to one module and says what its numbers mean; the README explains the
formulas in plain language. Engineers append their own clearly-headed section below.

Example:
    >>> sum(STRENGTH_POINTS.values())
    100.0
"""

from __future__ import annotations

from analytics.i18n import N_

# =====================================================================================================
# Relationship strength (analytics/depth.py)
# Tie strength after Granovetter (time, intensity, intimacy, reciprocal services) as operationalised by
# Gilbert & Karahalios (CHI 2009): days since last communication is the strongest single predictor.
# Behavioural points add up to 100; the user's own closeness rating is then blended in.
# =====================================================================================================

#: Maximum points per behavioural component (sum = 100).
STRENGTH_POINTS: dict[str, float] = {
    "recency": 35.0,       # days since the last (two-way) exchange
    "frequency": 25.0,     # time-decayed, channel-weighted interaction count
    "reciprocity": 20.0,   # both directions present and balanced
    "duration": 10.0,      # how long you have known each other (once both sides engaged)
    "multiplexity": 10.0,  # number of distinct channels
}

#: Recency points halve every this many days since the last two-way exchange.
RECENCY_HALF_LIFE_DAYS = 90.0
#: When the last contact was one-way (nobody answered), recency earns only this share.
ONE_WAY_RECENCY_FACTOR = 0.4
#: A message in the other direction within this many days makes an exchange two-way.
TWO_WAY_WINDOW_DAYS = 30
#: Channels that are two-way by nature whatever direction was logged.
TWO_WAY_CHANNELS = ("one_to_one", "meeting")

#: Each interaction's weight in the frequency count halves every this many days.
FREQUENCY_HALF_LIFE_DAYS = 180.0
#: Decayed weighted count that earns full frequency points (log scale: log1p(x) / log1p(this)).
FREQUENCY_SATURATION = 24.0
#: Intensity per channel: how much one interaction of that kind counts in the frequency sum.
#: Invitations are not scored at all: accepting one is the connection itself (see duration).
CHANNEL_WEIGHTS: dict[str, float] = {
    "message": 1.0,
    "endorsement": 1.0,
    "recommendation": 3.0,
    "referral": 3.0,
    "closed_business": 4.0,
    "one_to_one": 3.0,
    "meeting": 2.0,
    "event": 1.0,
    "introduction": 2.0,
    "purchase": 2.0,
    "email": 1.0,
}
#: A calendar event is a 1-to-1 with exactly one other guest and a meeting with up to this many; with
#: more it is a gathering, channel "event" (weight 1, not two-way by itself: nobody talks to 40 people).
CALENDAR_MEETING_MAX_GUESTS = 8

#: Reciprocity = min(out, in) / max(out, in); its points scale up to full once this many directed
#: interactions exist (one reply is a start, not yet a reciprocal relationship).
RECIPROCITY_FULL_AT = 6
#: Years known (since connected_on or the first interaction) that earn full duration points.
DURATION_FULL_YEARS = 5.0
#: Distinct channels that earn full multiplexity points; a single channel earns none.
MULTIPLEXITY_FULL_AT = 4

#: Share of the final score taken by the user's closeness rating (0-5, scaled to 0-100) when it is set:
#: strength = (1 - w) * behaviour + w * closeness * 20. The user knows offline ties the data cannot see.
CLOSENESS_WEIGHT = 0.7
CLOSENESS_MAX = 5.0
#: A closeness rating at or above this keeps a quiet contact out of "Dormant".
CLOSENESS_KEEPS_ACTIVE = 3.0

#: Dunbar layers, strongest first: (tier name, rank cap, minimum strength). A contact enters a layer
#: only if it ranks within the cap AND reaches the minimum, so small networks fill the layers with
#: real relationships and large silent networks do not fill them with names. The names are stored codes
#: in English (marked for the catalogue): pages show them with `_`.
DUNBAR_LAYERS: tuple[tuple[str, int, float], ...] = (
    # TRANSLATORS: relationship tiers (Dunbar layers), strongest first: Inner circle, Close, Active, Network.
    (N_("Inner circle"), 5, 60.0),
    (N_("Close"), 15, 45.0),
    (N_("Active"), 50, 30.0),
    (N_("Network"), 150, 25.0),
)
#: Outside the layers: a past relationship that has gone quiet for this many days is "Dormant".
DORMANT_AFTER_DAYS = 365
#: "Had a relationship" = a two-way exchange or at least this many interactions.
DORMANT_MIN_INTERACTIONS = 3
#: Glossary (README "Words the app uses"): a *strong tie* is a contact in a strong tier, an *active tie*
#: one in an active tier. Counting tiers (not a strength cut-off) keeps every sentence equal to the
#: tier chart's bars: a Dormant contact with strength 34 is neither strong nor active.
STRONG_TIERS: tuple[str, ...] = ("Inner circle", "Close")
ACTIVE_TIERS: tuple[str, ...] = (*STRONG_TIERS, "Active")

# =====================================================================================================
# Actions and hygiene (analytics/actions.py, analytics/hygiene.py); plain-language rules in
# the README. Farming, not hunting: deepen the ties you have and give before you ask.
# =====================================================================================================

#: Days between touches per depth tier; tiers not listed get no cadence unless the user sets one.
CADENCE_DAYS = {"Inner circle": 14, "Close": 30, "Active": 90, "Network": 180}
#: A cadence item is "due" when its next touch falls within this many days (overdue once past).
CADENCE_DUE_SOON_DAYS = 7
#: Keep-in-touch 50: business closed within this many days puts a client on the list.
KEEP_IN_TOUCH_BUSINESS_DAYS = 365
#: A prospect qualifies by a two-way exchange within this many days, a target flag, or a rising tie.
PROSPECT_RECENT_DAYS = 90
#: Ranking points added to strength (0-100): clients always rank above prospects.
KEEP_IN_TOUCH_POINTS = {"client": 100.0, "target": 15.0, "recent_two_way": 10.0, "rising": 10.0}
#: Days after a card is sent before the follow-up call is due.
FOLLOW_UP_DAYS = 14
#: Reconnect: silent this many days; former strength needs a quarter with this many touches for 100.
RECONNECT_QUIET_DAYS = 182
RECONNECT_FULL_QUARTER = 12
#: Reconnect: ignore ties whose former strength stayed below this.
RECONNECT_MIN_FORMER_STRENGTH = 25.0
#: Suggested referral partners: a message thread this long, with at least THREAD_EACH_WAY messages in
#: each direction, suggests someone to mark as a referrer (never counted until the user confirms).
SUGGEST_THREAD_MESSAGES = 20
SUGGEST_THREAD_EACH_WAY = 5
#: Hygiene: a message with sales language this many days (or fewer) after connecting is an early pitch.
EARLY_PITCH_DAYS = 7
#: Hygiene: asking for referrals is premature from anyone who is not an active tie (ACTIVE_TIERS), or
#: this soon after connecting.
ASK_MIN_DAYS_CONNECTED = 30
#: Hygiene: received at least this many referrals/introductions/endorsements/recommendations
#: while giving none back.
TAKE_WITHOUT_GIVE_MIN = 2
#: Goals: an outbound message after this much silence counts as a reconnect.
GOAL_RECONNECT_SILENCE_DAYS = 182

# =====================================================================================================
# Breadth (analytics/breadth.py)
# Diversity = Shannon entropy of the company distribution / log(contacts with a company): 1 when every
# contact is at a different company, 0 when all are at one.
# =====================================================================================================

#: How many of the largest companies `breadth_summary` lists.
TOP_COMPANIES = 10
#: The Overview's treemap names a company's tile (or a function's) only when it holds at least this share
#: of all contacts: a smaller tile is too small for a readable label at 1280 px, so it joins the function's
#: "other companies" tile (a small function joins "Other").
TREEMAP_MIN_SHARE = 0.05

# =====================================================================================================
# Diagnosis: wide/narrow x shallow/deep (analytics/diagnosis.py)
# width = SIZE_SHARE * size score + (1 - SIZE_SHARE) * company diversity, where the size score rises on
# a log scale from 0 at NARROW_SIZE contacts to 1 at WIDE_SIZE (300, twice Dunbar's 150, in the middle).
# depth = average of strong ties / target and active ties / target, where each target is the Dunbar
# layer size capped at a share of the network, so a 40-person network can be fully deep.
# =====================================================================================================

NARROW_SIZE = 30
WIDE_SIZE = 3000
SIZE_SHARE = 0.75
#: Width at or above this is "wide"; depth at or above this is "deep".
WIDE_AT = 0.5
DEEP_AT = 0.5
#: Strong ties (STRONG_TIERS) wanted: the Close layer, at most this share of contacts.
STRONG_TIES_TARGET = 15
STRONG_TIES_MAX_SHARE = 0.3
#: Active ties (ACTIVE_TIERS) wanted: the Active layer, at most this share of contacts.
ACTIVE_TIES_TARGET = 50
ACTIVE_TIES_MAX_SHARE = 0.5

# =====================================================================================================
# Groups: which networking groups pay off (analytics/groups.py); plain language in the README.
# cost = annual cost prorated over the months since joining + hours per month x months x hourly rate.
# score = sum over components of points x min(1, measure / full-at); the return component uses a log
# scale, log1p(closed value / cost) / log1p(GROUP_RETURN_FULL_AT), so the first euro back counts most.
# =====================================================================================================

#: Maximum points per component (sum = 100). Return on cost dominates: a cheap group that brings
#: closed business outranks a busy, expensive one that brings none.
GROUP_POINTS: dict[str, float] = {
    "return": 45.0,        # closed business received / cost
    "referrals": 20.0,     # referrals + introductions received per year of membership
    "strong_ties": 15.0,   # members who are strong ties
    "target_reach": 10.0,  # share of members in your target segments
    "one_to_ones": 5.0,    # one-to-ones per month
    "giving": 5.0,         # referrals + introductions given per year (give first)
}
#: Closed business worth this many times the cost earns full return points.
GROUP_RETURN_FULL_AT = 3.0
#: Referrals + introductions received per year that earn full points.
GROUP_REFERRALS_FULL_PER_YEAR = 12.0
#: Strong ties (STRONG_TIERS) among the group's contacts that earn full points.
GROUP_STRONG_TIES_FULL_AT = 5
#: Share of members in your target segments that earns full points.
GROUP_TARGET_REACH_FULL_AT = 0.3
#: One-to-ones per month that earn full points.
GROUP_ONE_TO_ONES_FULL_PER_MONTH = 2.0
#: Referrals + introductions given per year that earn full points.
GROUP_GIVING_FULL_PER_YEAR = 6.0
#: Verdict (groups.verdict; the light follows it): pays off when closed business received reaches the
#: cost (time included); else early when joined less than GROUP_EARLY_MONTHS months ago (referral
#: groups typically need 6-12 months before business flows); else promising when referrals and
#: introductions received, or one-to-ones, flow at these rates; else not paying off.
GROUP_EARLY_MONTHS = 9
GROUP_PROMISING_REFERRALS_PER_YEAR = 4.0
GROUP_PROMISING_ONE_TO_ONES_PER_MONTH = 1.0
#: Months of membership assumed when the join date is unknown.
GROUP_UNKNOWN_JOIN_MONTHS = 12
#: Hourly rate used for time cost when the user has not set one (settings["hourly_rate"]).
DEFAULT_HOURLY_RATE = 75.0
#: Give/take counts these ledger kinds and these interaction channels (direction out = given).
GIVE_TAKE_KINDS = ("referral", "introduction", "purchase")
GIVE_TAKE_CHANNELS = ("endorsement", "recommendation")
#: Burnout risk: a group where you gave at least this many times what you received, and at least
#: GROUP_BURNOUT_MIN_GIVEN things in all.
GROUP_BURNOUT_RATIO = 3.0
GROUP_BURNOUT_MIN_GIVEN = 6
#: Attribution: words in invitation notes and messages that point to a group of each type (the group's
#: own name is always searched too).
GROUP_KEYWORDS: dict[str, tuple[str, ...]] = {
    "referral_group": ("BNI", "chapter", "referral group", "Unternehmerteam"),
    "chamber": ("IHK", "Kamer van Koophandel", "KvK", "Camera di Commercio", "CCI", "chamber",
                "Handelskammer", "chambre de commerce"),
    "association": ("association", "Verband", "Verein", "vereniging", "associazione"),
    "event": ("event", "conference", "Messe", "congres", "beurs", "evento"),
    "online": ("LinkedIn group", "community", "webinar"),
    "informal": ("borrel", "Stammtisch", "meetup", "aperitivo", "drinks"),
}

# =====================================================================================================
# Network graph and brokerage (analytics/graph.py). A LinkedIn export has no ties between contacts, so
# "stand-in" ties join contacts who share a company or a group; Burt's constraint and effective size
# on those ties show who bridges otherwise separate clusters.
# =====================================================================================================

#: Contacts drawn one by one before the rest fold into one node per group/company ("Acme (412)").
GRAPH_LIMIT = 300
#: Within a cluster ranked by strength, each contact is tied to this many neighbours above and below:
#: clusters of up to this + 1 contacts become cliques, bigger ones a chain of bounded degree, so ties
#: grow with the number of contacts instead of its square.
TIE_NEIGHBOURS = 4
#: Folded clusters drawn as their own node, largest first; smaller ones share one "Other contacts" node.
GRAPH_MAX_CLUSTER_NODES = 40
#: The graph's default view draws only these tiers one by one (everyone else folds into their cluster
#: nodes), so a 2,000- or 30,000-contact network opens on a picture with something to read.
GRAPH_INNER_TIERS = ("Inner circle", "Close", "Active")
#: Contact names printed on the graph: these tiers always; every contact when no more than
#: `GRAPH_LABEL_ALL_UP_TO` are drawn. Other names show on hover.
GRAPH_LABELLED_TIERS = ("Inner circle", "Close")
GRAPH_LABEL_ALL_UP_TO = 40
#: Brokerage is computed for at most this many contacts in two or more clusters (strongest first).
BROKERAGE_MAX_CANDIDATES = 500
#: Constraints equal to this many decimals rank as equal; effective size, then strength, decide.
BROKERAGE_CONSTRAINT_DECIMALS = 2
#: Contacts drawn as connectors (diamonds): the lowest-constraint displayed contacts in 2+ clusters.
GRAPH_CONNECTORS_MARKED = 10

# =====================================================================================================
# Identity: who counts as a contact, one person across sources (analytics/identity.py, issue #15)
# =====================================================================================================

#: Everyone from these sources is a contact (the user chose to keep them: an address book, a contacts file,
#: a LinkedIn connection).
CONTACT_SOURCES = ("LinkedIn", "Contacts file", "Address book")
#: The interaction channel of an e-mail: someone known only from mail is a contact once mail went both ways.
EMAIL_CHANNEL = "email"
#: Someone known only from calendars is a contact once they shared this many meetings with the user.
CALENDAR_MEETINGS_FOR_CONTACT = 2
#: A phone number needs this many digits to identify a person (shorter ones are extensions or junk).
PHONE_MIN_DIGITS = 7
#: A new role seen in a newer LinkedIn export stays on the Action plan's congratulations list this long.
CONGRATULATE_DAYS = 90
