"""The irregular verbs news writes most, with their simple past and past participle.

A table, not a tagger: the part-of-speech lexicon gives a word one tag whatever its place,
and reads "rose", "fell" or "led" as nouns. Headlines put a lede's verb in the present
(``tense``), and key phrases end before a verb ("sales *rose*", ``keyphrases``); both read
the forms here. A module of its own so that both may import it.
"""

from __future__ import annotations

# base form: (simple past, past participle) of the irregular verbs news writes most
IRREGULAR: dict[str, tuple[str, str]] = {
    "beat": ("beat", "beaten"), "become": ("became", "become"), "begin": ("began", "begun"),
    "break": ("broke", "broken"), "bring": ("brought", "brought"), "build": ("built", "built"),
    "buy": ("bought", "bought"), "catch": ("caught", "caught"), "choose": ("chose", "chosen"),
    "come": ("came", "come"), "cut": ("cut", "cut"), "deal": ("dealt", "dealt"),
    "do": ("did", "done"), "draw": ("drew", "drawn"), "drive": ("drove", "driven"),
    "fall": ("fell", "fallen"), "feel": ("felt", "felt"), "fight": ("fought", "fought"),
    "find": ("found", "found"), "fly": ("flew", "flown"), "forecast": ("forecast", "forecast"),
    "freeze": ("froze", "frozen"), "get": ("got", "got"), "give": ("gave", "given"),
    "go": ("went", "gone"), "grow": ("grew", "grown"), "hit": ("hit", "hit"),
    "hold": ("held", "held"), "hurt": ("hurt", "hurt"), "keep": ("kept", "kept"),
    "know": ("knew", "known"), "lay": ("laid", "laid"), "lead": ("led", "led"),
    "leave": ("left", "left"), "lend": ("lent", "lent"), "lose": ("lost", "lost"),
    "make": ("made", "made"), "meet": ("met", "met"), "pay": ("paid", "paid"),
    "put": ("put", "put"), "quit": ("quit", "quit"), "rise": ("rose", "risen"),
    "run": ("ran", "run"), "say": ("said", "said"), "see": ("saw", "seen"),
    "seek": ("sought", "sought"), "sell": ("sold", "sold"), "send": ("sent", "sent"),
    "set": ("set", "set"), "shake": ("shook", "shaken"), "shed": ("shed", "shed"),
    "show": ("showed", "shown"), "shrink": ("shrank", "shrunk"), "shut": ("shut", "shut"),
    "sink": ("sank", "sunk"), "slide": ("slid", "slid"), "speak": ("spoke", "spoken"),
    "spend": ("spent", "spent"), "split": ("split", "split"), "spread": ("spread", "spread"),
    "stand": ("stood", "stood"), "steal": ("stole", "stolen"), "strike": ("struck", "struck"),
    "swing": ("swung", "swung"), "take": ("took", "taken"), "tell": ("told", "told"),
    "think": ("thought", "thought"), "throw": ("threw", "thrown"), "win": ("won", "won"),
    "withdraw": ("withdrew", "withdrawn"), "write": ("wrote", "written"),
    "overtake": ("overtook", "overtaken"), "undergo": ("underwent", "undergone"),
    "upset": ("upset", "upset"), "bid": ("bid", "bid"), "cost": ("cost", "cost"),
    "tear": ("tore", "torn"), "sweep": ("swept", "swept"), "flee": ("fled", "fled"),
    "forgive": ("forgave", "forgiven"), "overcome": ("overcame", "overcome"),
    "understand": ("understood", "understood"), "wear": ("wore", "worn"),
}
PARTICIPLES = {participle: base for base, (_, participle) in IRREGULAR.items()}
# a simple past no participle shares ("fell", "won"), and "said": the lede's own verb
SIMPLE_PASTS = {past: base for base, (past, participle) in IRREGULAR.items()
                if past not in (participle, base)} | {"said": "say"}
