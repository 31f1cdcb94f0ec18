"""The word lists actors are recognised by: country aliases and demonyms, titles and
honorifics, the words that mark a company, an organisation or a place, and capitalised
words that are no names. Hand-written for policy news; no evaluation data went into them.
"""

from __future__ import annotations

import re

from ..prose import NAME_PARTICLES, TITLE_ABBREVIATIONS

COUNTRY_ALIASES = {
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Russia": "Russia",
    "Vatican": "Vatican",
    "North Korea": "North Korea",
    "South Korea": "South Korea",
    "Taiwan": "Taiwan",
    "Iran": "Iran",
    "Syria": "Syria",
    "Vietnam": "Vietnam",
    "Venezuela": "Venezuela",
    "Bolivia": "Bolivia",
    "Laos": "Laos",
    "Moldova": "Moldova",
    "Tanzania": "Tanzania",
    "Palestine": "Palestine",
    "Kosovo": "Kosovo",
    "Czech Republic": "Czechia",
    "Pyongyang": "North Korea",
    "Beijing": "China",
    "Washington": "United States",
    "Moscow": "Russia",
    "Kyiv": "Ukraine",
    "Taipei": "Taiwan",
    "Tokyo": "Japan",
    "Seoul": "South Korea",
    "Republic of China": "Taiwan",
    "People’s Republic of China": "China",
    "People's Republic of China": "China",
}
DEMONYMS = {
    "Taiwanese": "Taiwan",
    "Chinese": "China",
    "Japanese": "Japan",
    "American": "United States",
    "Russian": "Russia",
    "Ukrainian": "Ukraine",
    "British": "United Kingdom",
    "North Korean": "North Korea",
    "South Korean": "South Korea",
    "Korean": "Korea",
    "Indian": "India",
    "French": "France",
    "German": "Germany",
    "Iranian": "Iran",
}
# written as a run reads them, a full stop dropped: "Mr." and "Gov." match too (``is_title``)
TITLES = frozenset({
    "President", "Minister", "Secretary", "Premier", "Chancellor", "Professor", "Senator",
    *(short.capitalize() for short in TITLE_ABBREVIATIONS),  # "Mr", "Sen", "Lt", "Sens" …
    "Governor", "Mayor", "Judge", "General", "King", "Queen", "Prince", "Pope",
    "Chairman", "Chairwoman", "Ambassador", "Representative", "Speaker", "Prime", "Treasurer",
    "Attorney", "Coach", "Leader", "Deputy", "Vice", "Lawmaker", "Legislator", "Commissioner",
    "Envoy", "Admiral", "Colonel", "Captain", "Cardinal", "Archbishop", "Bishop",
})
COMPANY_WORDS = frozenset(
    [
        "Co",
        "Co.",
        "Corp",
        "Corp.",
        "Inc",
        "Inc.",
        "Ltd",
        "Ltd.",
        "LLC",
        "plc",
        "PLC",
        "Group",
        "Holdings",
        "Company",
        "Corporation",
        "Motors",
        "Airlines",
        "Bank",
    ]
)
ORGANISATION_WORDS = frozenset(
    [
        "Ministry",
        "Bureau",
        "Department",
        "Committee",
        "Council",
        "Agency",
        "Association",
        "Center",
        "Centre",
        "University",
        "College",
        "Commission",
        "Organization",
        "Organisation",
        "Union",
        "Party",
        "Fund",
        "Court",
        "Congress",
        "Parliament",
        "Regime",
        "Administration",
        "Office",
        "Institute",
        "Foundation",
        "Forum",
        "Assembly",
        "Senate",
        "House",
        "Government",
        "Army",
        "Navy",
        "Force",
        "Forces",
        "Police",
        "Service",
        "Authority",
        "Board",
        "Nations",
        "Treaty",
        "Alliance",
        "Coalition",
        "Federation",
        "Reserve",
        "Legislature",
        "Yuan",
        "Cabinet",
        "Council",
        "Media",
        "News",
        "Times",
        "Post",
        "Reuters",
        "Agency",
        "Affairs",
        "Trade",
        "Control",
        "Controls",
        "Republic",
    ]
)
NOT_NAMES = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Christmas",  # feasts and holidays: dates, not actors
        "Easter",
        "Ramadan",
        "Thanksgiving",
        "Halloween",
        "Hanukkah",
        "Diwali",
        "I",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    ]
)

PLACE_HEADS = frozenset({
    "Line", "Tower", "Towers", "Street", "Road", "Avenue", "Bridge", "Square", "Park", "River",
    "Island", "Islands", "Mountain", "Mountains", "Airport", "Station", "Palace", "Bay", "Sea",
    "Ocean", "Valley", "Lake", "County", "Province", "City", "Region", "Coast", "Strait",
    "Peninsula", "Desert", "Canal", "Port", "Harbour", "Harbor", "Stadium", "Arena", "Prison",
    "Theatre", "Theater", "Hotel", "Motel", "Cathedral", "Abbey", "Castle", "Dam", "Falls",
})

# Nations of a union that news names as countries
COUNTRY_ALIASES.update({
    "England": "England", "Scotland": "Scotland", "Wales": "Wales",
    "Northern Ireland": "Northern Ireland", "Holland": "Netherlands",
})
DEMONYMS.update({
    "Afghan": "Afghanistan", "Sri Lankan": "Sri Lanka", "Albanian": "Albania", "Algerian": "Algeria",
    "Argentine": "Argentina", "Argentinian": "Argentina", "Australian": "Australia",
    "Austrian": "Austria", "Belgian": "Belgium", "Bosnian": "Bosnia and Herzegovina",
    "Brazilian": "Brazil", "Bulgarian": "Bulgaria", "Canadian": "Canada", "Chilean": "Chile",
    "Colombian": "Colombia", "Croatian": "Croatia", "Cuban": "Cuba", "Czech": "Czechia",
    "Danish": "Denmark", "Dutch": "Netherlands", "Egyptian": "Egypt", "English": "England",
    "Ethiopian": "Ethiopia", "European": "Europe", "Filipino": "Philippines", "Finnish": "Finland",
    "Greek": "Greece", "Hungarian": "Hungary", "Indonesian": "Indonesia", "Iraqi": "Iraq",
    "Irish": "Ireland", "Israeli": "Israel", "Italian": "Italy", "Jordanian": "Jordan",
    "Kenyan": "Kenya", "Kurdish": "Kurdistan", "Lebanese": "Lebanon", "Libyan": "Libya",
    "Malaysian": "Malaysia", "Mexican": "Mexico", "Moroccan": "Morocco", "Nigerian": "Nigeria",
    "Norwegian": "Norway", "Pakistani": "Pakistan", "Palestinian": "Palestine",
    "Peruvian": "Peru", "Polish": "Poland", "Portuguese": "Portugal", "Romanian": "Romania",
    "Saudi": "Saudi Arabia", "Scottish": "Scotland", "Serbian": "Serbia", "Serb": "Serbia",
    "Slovak": "Slovakia", "Somali": "Somalia", "Spanish": "Spain", "Sudanese": "Sudan",
    "Swedish": "Sweden", "Swiss": "Switzerland", "Syrian": "Syria", "Thai": "Thailand",
    "Turkish": "Turkey", "Venezuelan": "Venezuela", "Vietnamese": "Vietnam", "Welsh": "Wales",
    "Yemeni": "Yemen", "Zimbabwean": "Zimbabwe", "Arab": "Arab", "Western": "West",
    "African": "Africa", "Asian": "Asia", "Latin": "Latin America", "Yugoslav": "Yugoslavia",
})
# the last word of a name that is an event, a contest, a law or a thing, no actor
EVENT_HEADS = frozenset({
    "Cup", "Open", "Tour", "Championship", "Championships", "Games", "Olympics", "Day", "Oscars",
    "Olympic", "Grammys", "Baftas", "Emmys",
    "Festival", "Awards", "Award", "Prize", "Act", "Bill", "Index", "War", "Show", "Series",
    "Trophy", "Classic", "Marathon", "Rally", "Masters", "Grand", "Prix", "Week", "Year",
    "Conference", "Summit", "Election", "Elections", "Agreement", "Accord", "Convention",
    "Plan", "Programme", "Program", "Report", "Division",
    "Season", "Final", "Finals", "Semifinal", "Tournament", "Policy",
})
# the last word of a team's or a firm's name ("Manchester United", "Corvell Pharmaceuticals")
CLUB_WORDS = frozenset({
    "United", "Rovers", "Athletic", "Athletico", "Wanderers", "Albion", "FC", "Club", "Sporting",
    "Rangers", "Celtic", "Hotspur", "Villa",
})
MORE_COMPANY_WORDS = frozenset({
    "Airways", "Pharmaceuticals", "Industries", "Electronics", "Systems", "Technologies",
    "Securities", "Capital", "Partners", "Energy", "Petroleum", "Oil", "Telecom", "Steel",
    "Communications", "Insurance", "Investments", "Financial", "Brothers", "Bros", "Enterprises",
    "Chemicals", "Foods", "Media", "Network", "Networks", "Studios", "Records", "Pictures",
    "Management", "Associates", "Consulting", "Ventures", "Logistics",
    "Exchange", "Stores", "AG", "SA", "NV", "GmbH", "Inc", "Software", "Entertainment",
    # the legal forms of firms abroad ("Pirelli SpA", "LM Ericsson AB", "Marvesa S.A.")
    "S.A.", "S.A", "SpA", "S.p.A", "AB", "N.V.", "N.V", "ASA", "Oyj", "Bhd", "Tbk", "Pty", "PT",
    "KK", "Plc", "SE", "NL", "BV", "B.V.", "Ltda", "SRL",
})
MORE_ORGANISATION_WORDS = frozenset({
    "Treasury", "Police", "Church", "Party", "Front", "Movement", "Council", "Tribunal",
    "Society", "Institution", "Team", "Squad", "Brigade",
    "Brigades", "Guard", "Command", "Mission", "Directorate",
    "Secretariat", "Ministry", "Embassy", "Consulate", "Chamber", "Academy", "School",
    "Hospital", "Labour", "Conservatives", "Democrats", "Republicans", "Tories",
    "Greens", "Taliban", "Hamas", "Hezbollah", "Nato", "NATO",
})
# the words that make a bank a public institution, not a firm: a central bank ("European
# Central Bank", "Reserve Bank of India"), a development bank ("Asian Development Bank",
# "International Bank for Reconstruction and Development"), the central banks' bank
# ("Bank for International Settlements") and the world's ("World Bank"). Not
# "International" or "National" alone: "National Australia Bank" and "First International
# Bank" are firms
PUBLIC_BANK_WORDS = frozenset({"World", "Central", "Reserve", "Development", "Reconstruction",
                               "Settlements"})
# words for a place that can stand first in its name ("Lake Victoria", "Mount Everest")
PLACE_FIRST = frozenset({"Lake", "Mount", "Mt", "Fort", "Port", "Cape", "Isle", "Gulf", "Saint", "St"})

# States news still names though they are gone, and the regions of world news that no
# country or city list holds: general knowledge, written by hand
COUNTRY_ALIASES.update({
    "Soviet Union": "Soviet Union", "USSR": "Soviet Union", "Yugoslavia": "Yugoslavia",
    "Czechoslovakia": "Czechoslovakia", "East Germany": "East Germany",
    "West Germany": "West Germany", "Zaire": "Zaire", "Burma": "Myanmar",
    "Swaziland": "Eswatini", "Ivory Coast": "Côte d'Ivoire", "East Timor": "Timor-Leste",
    "Macedonia": "North Macedonia", "Ceylon": "Sri Lanka",
})
REGIONS = frozenset({
    "Middle East", "Near East", "Far East", "Midwest", "Balkans", "Caucasus", "Chechnya",
    "Bosnia", "Kashmir", "Kurdistan", "Crimea", "Donbas", "Gaza", "Gaza Strip", "West Bank",
    "Golan Heights", "Sinai", "Sahel", "Sahara", "Horn of Africa", "Gulf", "Persian Gulf",
    "Siberia", "Tibet", "Xinjiang", "Darfur", "Kosovo", "Transnistria", "Abkhazia",
    "South Ossetia", "Nagorno-Karabakh", "Catalonia", "Basque Country", "Flanders",
    "Wallonia", "Bavaria", "Scandinavia", "Latin America", "Central America",
    "Southeast Asia", "South East Asia", "East Asia", "South Asia", "Central Asia",
    "Asia-Pacific", "Asia Pacific", "Arctic", "Antarctica", "Mediterranean", "Pacific",
    "Atlantic", "Indian Ocean", "Caribbean", "Maghreb", "Levant", "Arabian Peninsula",
    "Korean Peninsula", "Indochina", "Patagonia", "Amazon", "Andes", "Himalayas",
    "Punjab", "Bengal", "Kurdish region", "Ulster", "Yorkshire", "Lancashire", "Cornwall",
    "Quebec", "Ontario", "Alberta", "British Columbia", "Queensland", "Tasmania",
})
# "Northern Iraq", "South China", "Eastern Europe": a part of a known place is a place
DIRECTIONS = frozenset({
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
    "Central", "Northeast", "Northwest", "Southeast", "Southwest", "Upper", "Lower",
})

# peoples and faiths: who people are, not actors ("Moslem", "Hutu", "Afrikaners"; with their
# plurals and the plurals of the demonyms above: "Iraqis")
PEOPLES = frozenset({
    "Arab", "Jew", "Jewish", "Muslim", "Moslem", "Islamic", "Islamist", "Christian", "Catholic",
    "Protestant", "Hindu", "Sikh", "Buddhist", "Orthodox", "Sunni", "Shia", "Shi'ite", "Shiite",
    "Hutu", "Tutsi", "Kurd", "Kurdish", "Tajik", "Uzbek", "Kazakh", "Chechen", "Briton", "Afrikaner",
    "Serb", "Croat", "Bosniak", "Pashtun", "Tamil", "Sinhalese", "Berber", "Roma", "Basque",
    "Uighur", "Uyghur", "Palestinian", "Latino", "Hispanic", "Aborigine", "Maori", "Inuit", "Brit",
})
# things written in capitals like an organisation's acronym: devices, media, measures, jobs
COMMON_ACRONYMS = frozenset({
    "TV", "DVD", "CD", "DJ", "PC", "GDP", "GNP", "CPI", "PMI", "CEO", "CFO", "COO", "IPO", "VAT",
    "HIV", "AIDS", "DNA", "SMS", "PR", "IQ", "ID", "UFO", "AGM", "ATM", "SUV", "URL", "FAQ",
    "PhD", "MBA", "AI", "VR", "LED", "LCD", "GPS", "PDF", "HD", "USB", "RAM", "CPU", "GMO",
    "HQ", "VIP", "QC", "MP", "MPs", "MEP", "MEPs", "MSP", "MSPs", "CCTV", "GCSE", "GCSEs",
    "GP", "GPs", "MVP", "OK", "AM", "PM", "BC", "AD", "EPS",
})
# days named by their distance from today: capitalised only to open a sentence, they open
# no name ("Yesterday BBC …") and no role ("Yesterday Prime Minister …")
TIME_WORDS = frozenset({"Yesterday", "Today", "Tonight", "Tomorrow"})
# time zones, written in capitals like an acronym
TIME_ZONES = frozenset({"GMT", "UTC", "BST", "CET", "CEST", "EST", "EDT", "CST", "CDT", "MST",
                        "MDT", "PST", "PDT", "JST", "HKT"})


def is_people(word: str) -> bool:
    """Does the word name a people or a faith, or their members ("Iraqis", "Moslems")?"""
    return word in PEOPLES or (word.endswith("s") and (word[:-1] in PEOPLES or word[:-1] in DEMONYMS))


def is_title(word: str) -> bool:
    """Is the word a title before a name, with its full stop or without ("Gov.", "Mr")?"""
    return word.rstrip(".") in TITLES


# "II", "VIII", "XIV"; not "XI", a Chinese name as often ("LIU XI")
ROMAN_NUMERAL_RE = re.compile(r"(?!XI$)(?=[IVX]{2,})X{0,3}(?:IX|IV|V?I{0,3})")


def in_name_case(name: str) -> str:
    """A name set in capitals written as a name: "JOHN F. KENNEDY III" → John F. Kennedy III,
    "KEVIN MCCARTHY" → Kevin McCarthy, "RIO DE JANEIRO" → Rio de Janeiro, "O'NEILL" →
    O'Neill, "KING'S LYNN" → King's Lynn."""
    return " ".join(_word_in_name_case(word, at) for at, word in enumerate(name.split()))


def _word_in_name_case(word: str, at: int) -> str:
    if at and ROMAN_NUMERAL_RE.fullmatch(word):
        return word
    if at and word.lower() in NAME_PARTICLES:
        return word.lower()
    if word.startswith("MC") and len(word) > 3:
        return "Mc" + word[2:].capitalize()
    # a capital after an apostrophe opens a name's part ("O'Neill"), not a possessive's "s"
    return re.sub(r"(?<=['’])S\b", "s", word.title())
