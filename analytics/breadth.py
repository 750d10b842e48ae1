"""How wide the network is: size, companies, functions and seniority, diversity, growth, target segments.

Job titles are classified by keyword rules in English, German, Dutch, Italian and French (accents and
case folded first), one compiled alternation per class, applied with vectorised `str.contains`.

Example:
    >>> classify_positions(pd.Series(["Geschäftsführer", "Responsabile commerciale"])).values.tolist()
    [['Executive/Owner', 'C-level'], ['Sales', 'Manager']]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analytics import weights as W
from analytics.companies import company_key, company_names
from analytics.frames import as_utc
from analytics.i18n import N_
from analytics.model import Network

# Function rules, first match wins (specific functions before the generic executive words).
FUNCTION_RULES: tuple[tuple[str, str], ...] = (
    (N_("Legal"), r"lawyer|attorney|counsel|legal|solicitor|barrister|paralegal|notar|notaio|notaire"
              r"|anwalt|advocaat|avvocat|avocat|jurist|giurist|juriste|compliance|rechts"),
    (N_("Healthcare"), r"doctor|physician|nurse|\barzt|arztin|\bhuisarts|\barts\b|verpleeg|medic|medecin"
                   r"|infermier|dentist|zahnarzt|tandarts|pharmac|apothe|farmacist|therap|physio|fysio"
                   r"|kinesi|psycholog|health|clinic|klinik|zorg|sanita|sante"),
    (N_("Education"), r"teacher|professor|lecturer|docent|leraar|lehrer|dozent|insegnante|professeur"
                  r"|enseignant|school|universit|student|studente|etudiant|tutor|academ"),
    (N_("Finance"), r"financ|finanz|accountant|accounting|controller|\bcfo\b|treasur|audit|bookkeep|\btax"
                r"|steuer|buchhalt|wirtschaftsprufer|boekhoud|fiscal|belasting|commercialista|contabil"
                r"|ragionier|comptab|banker|\bbank|invest|wealth|insurance|versicher|verzeker|assicura"
                r"|credit|kredit"),
    (N_("HR"), r"human resources|\bhr\b|\bhrm\b|recruit|talent|personal(?:leit|refer|abteil|wesen|entwickl)"
           r"|\bpeople\b|risorse umane|ressources humaines|\brh\b|personeel|werving"),
    (N_("Marketing"), r"marketing|brand|design|ontwerp|grafi|graphic|fotogra|photogra|copywrit|tekstschrijver"
                  r"|texter|\bcommunica|kommunikation|comunicazione|\bpr\b|public relations"
                  r"|content|social media|\bseo\b|pubblicit|publicit|werbung|reclame|\bcmo\b"),
    (N_("Sales"), r"sales|account ?(?:manager|executive|director)|business development|\bbd\b|vertrieb"
              r"|verkauf|verkoop|verkoper|commerci|vendit|vendite|vente|vendeur|key account|aussendienst"
              r"|makler|makelaar|immobil|agent|broker|relationship manager"),
    (N_("Engineering/IT"), r"engineer|developer|software|\bit\b|\bict\b|\bcto\b|\bcio\b|technolog|technical"
                       r"|techni|data|devops|programmer|programmeur|programmier|entwickler|ingenieur|ingegner|informati|svilupp"
                       r"|developpeur|ontwikkelaar|system|cyber|archit(?:ect|ett|ekt)|\bweb"),
    (N_("Consulting"), r"consult|consulen|advisor|adviser|adviseur|berater|beratung|conseil|coach"
                   r"|advisory|advies|interim"),
    (N_("Operations"), r"operation|\bcoo\b|logisti|supply chain|procure|purchas|einkauf|inkoop|acquisti"
                   r"|achat|production|produktion|productie|produzione|office manager|administra"
                   r"|quality|qualitat|kwaliteit|qualita|facility|project|projekt|progett|projet"
                   r"|betrieb|bedrijfsvoering"),
    (N_("Executive/Owner"), r"\bceo\b|chief executive|prokurist|directrice|founder|owner"
                        r"|gesch(?:a|ae)ftsf(?:u|ue)hr|inhaber|eigenaar|directeur"
                        r"|managing director|president|amministrator|titolare|gerant|\bpdg\b"
                        r"|general manager|bestuurder|entrepreneur|unternehmer|ondernemer|imprenditor"
                        r"|zaakvoerder|vorstand|direttore|director|partner|grunder|oprichter|fondat"),
)
# Seniority rules, first match wins.
SENIORITY_RULES: tuple[tuple[str, str], ...] = (
    (N_("Student"), r"student|studente|etudiant|\bintern\b|internship|stagiair|stagiaire|praktikant|trainee"
                r"|apprenti|azubi|auszubildend|tirocin|phd candidate"),
    (N_("Owner/Founder"), r"founder|owner|inhaber|eigenaar|titolare|gerant|zaakvoerder|\bpartner\b|grunder"
                      r"|oprichter|fondat|proprietair|proprietar|entrepreneur|unternehmer|ondernemer"
                      r"|imprenditor|self-employed|selbststandig|zelfstandig"),
    (N_("C-level"), r"\bc[a-z]o\b|chief|gesch(?:a|ae)ftsf(?:u|ue)hr|managing director"
                r"|direct(?:eur|rice) general|\bpdg\b|amministratore delegato|algemeen directeur"
                r"|(?<!vice )(?<!vice-)president|vorstand|direttore generale|general manager|bestuurder"),
    (N_("Director/VP"), r"director|\bvp\b|vice president|head of|directeur|directrice|prokurist|direttore"
                    r"|direktor|(?<!team)leiter"
                    r"|\bhoofd|bereichsleit|dirigente|responsable de departement"),
    (N_("Manager"), r"manager|responsable|responsabile|teamleid|teamleit|coordinat|supervisor"
                r"|gestionnaire|capo|chef\b|leidinggevend"),
    (N_("Senior"), r"senior|\bsr\b|principal|\blead\b|expert|esperto|specialista senior"),
    (N_("Staff/Junior"), r"junior|\bjr\b|assistant|assistent|assistente|associate|medewerker|mitarbeiter"
                     r"|sachbearbeit|impiegat|employe|collaborat|engineer|developer|analyst|specialist"
                     r"|representative|clerk|officer|ingenieur|ingegnere|consultant|adviseur"
                     r"|consulente|conseiller|accountant|medewerkster|werknemer|operaio|ouvrier|arbeiter"),
)
FUNCTIONS: tuple[str, ...] = (*(f for f, __ in FUNCTION_RULES), N_("Other"))
SENIORITIES: tuple[str, ...] = (*(s for s, __ in SENIORITY_RULES), N_("Unknown"))


def _fold(text: pd.Series) -> pd.Series:
    """Lower-case ASCII text: 'Geschäftsführer' -> 'geschaftsfuhrer'."""
    ascii_text = text.fillna("").astype(str).str.normalize("NFKD").str.encode("ascii", "ignore")
    return ascii_text.str.decode("ascii").str.lower()


def _first_match(text: pd.Series, rules: tuple[tuple[str, str], ...], default: str) -> pd.Series:
    conditions = [text.str.contains(re.compile(pattern), regex=True).to_numpy(bool) for _, pattern in rules]
    return pd.Series(np.select(conditions, [name for name, _ in rules], default), index=text.index,
                     dtype=object)


def classify_positions(positions: pd.Series) -> pd.DataFrame:
    """Function and seniority of each job title (same index as `positions`).

    >>> classify_positions(pd.Series(["Avocat", "Senior Software Engineer", ""])).values.tolist()
    [['Legal', 'Unknown'], ['Engineering/IT', 'Senior'], ['Other', 'Unknown']]
    """
    codes, distinct = pd.factorize(positions.fillna("").astype(str))  # titles repeat: each read once
    text = _fold(pd.Series(distinct, dtype=object))
    found = pd.DataFrame({"function": _first_match(text, FUNCTION_RULES, "Other"),
                          "seniority": _first_match(text, SENIORITY_RULES, "Unknown")})
    return found.take(codes).set_axis(positions.index)


def _companies(contacts: pd.DataFrame) -> pd.DataFrame:
    """key (`companies.company_key`) and name as shown (`companies.company_names`) of every contact with
    a company."""
    found = pd.DataFrame({"key": company_key(contacts["company"]),
                          "name": company_names(contacts["company"])})
    return found[found["key"] != ""]


def diversity(companies: pd.Series) -> float:
    """Shannon entropy of the company distribution divided by log(number of contacts with a company),
    spellings of one company counted as one (`companies.company_key`).

    1.0 when every contact works somewhere different, 0.0 when all work at one company (or < 2 known).

    >>> diversity(pd.Series(["A", "B", "C", "D"])), diversity(pd.Series(["A", "A Inc.", "B", "b"]))
    (1.0, 0.5)
    """
    counts = company_key(companies).value_counts().to_numpy(float)
    n = counts.sum()
    if n < 2:
        return 0.0
    p = counts / n
    return round(float(-(p * np.log(p)).sum() / np.log(n)), 4)


def connected_by(contacts: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """The contacts connected on or before `as_of` (or on an unknown date): the network as it was then.

    >>> c = pd.DataFrame({"connected_on": pd.to_datetime(["2024-01-01", None, "2025-01-01"], utc=True)})
    >>> len(connected_by(c, pd.Timestamp("2024-06-01", tz="UTC")))
    2
    """
    return contacts[~(pd.to_datetime(contacts["connected_on"], utc=True) > as_utc(as_of))]


def breadth_summary(net: Network, as_of: pd.Timestamp) -> dict:
    """Size and spread of the network as of `as_of` (contacts connected later are left out).

    Keys: contacts, companies (spellings of one company count once: `companies.company_key`), functions,
    diversity (0-1, see `diversity`), concentration (share of the largest company among contacts with a
    company), top_companies ([{company, contacts}], largest first, each under its most frequent spelling).

    >>> from analytics.model import empty_network
    >>> breadth_summary(empty_network(), pd.Timestamp("2024-01-01", tz="UTC"))["contacts"]
    0
    """
    contacts = connected_by(net.contacts, as_of)
    companies = _companies(contacts)
    counts = companies.groupby("key")["name"].agg(["size", "first"]).sort_values(
        ["size", "first"], ascending=[False, True])
    functions = classify_positions(contacts["position"])["function"]
    top = counts.head(W.TOP_COMPANIES)
    return {
        "contacts": len(contacts),
        "companies": len(counts),
        "functions": int(functions[functions != "Other"].nunique()),
        "diversity": diversity(companies["key"]),
        "concentration": round(float(counts["size"].iloc[0] / len(companies)), 4) if len(counts) else 0.0,
        "top_companies": [{"company": c, "contacts": int(s)}
                          for c, s in zip(top["first"], top["size"], strict=True)],
    }


def growth(net: Network) -> pd.DataFrame:
    """New connections per calendar month (every month from the first to the last, "YYYY-MM").

    >>> from analytics.model import empty_network
    >>> list(growth(empty_network()).columns)
    ['month', 'new', 'cumulative']
    """
    dates = pd.to_datetime(net.contacts["connected_on"], utc=True).dropna()
    if dates.empty:
        return pd.DataFrame({"month": pd.Series([], dtype=object), "new": pd.Series([], dtype=int),
                             "cumulative": pd.Series([], dtype=int)})
    months = dates.dt.tz_localize(None).dt.to_period("M")
    new = months.value_counts().reindex(pd.period_range(months.min(), months.max(), freq="M"), fill_value=0)
    return pd.DataFrame({"month": new.index.strftime("%Y-%m").to_numpy(dtype=object),
                         "new": new.to_numpy(int), "cumulative": new.cumsum().to_numpy(int)})


def in_target(contacts: pd.DataFrame, keywords: list[str],
              annotations: pd.DataFrame | None = None) -> pd.Series:
    """True where company or position contains any keyword (case-insensitive) or the contact is
    flagged `target` in `annotations`.

    >>> c = pd.DataFrame({"contact_id": ["a", "b"], "company": ["Acme Bank", "Shop"], "position": ["", ""]})
    >>> in_target(c, ["bank"]).tolist()
    [True, False]
    """
    words = [w.strip() for w in keywords if w and w.strip()]
    hit = pd.Series(False, index=contacts.index)
    if words:
        pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
        for column in ("company", "position"):
            hit |= contacts[column].fillna("").astype(str).str.contains(pattern, regex=True)
    if annotations is not None and len(annotations):
        flagged = annotations.loc[annotations["target"].fillna(False).astype(bool), "contact_id"]
        hit |= contacts["contact_id"].isin(flagged)
    return hit


def target_share(net: Network, keywords: list[str]) -> float:
    """Share (0-1) of contacts in the target segment (keywords or the annotation flag).

    >>> from analytics.model import empty_network
    >>> target_share(empty_network(), ["bank"])
    0.0
    """
    if net.contacts.empty:
        return 0.0
    return float(in_target(net.contacts, keywords, net.annotations).mean())
