"""An invented corpus for the corroboration tests: one statement by an invented deputy foreign minister, as wires,
outlets that credit them, and independent outlets reported it, on the day and on other days. Nothing here is real
news; the outlets the registry knows (TASS, Ukrainska Pravda) are named so that their aliases are exercised.

The statement: on Tuesday 10 March 2026 Deputy Foreign Minister Alexei Voronin said Russia was ready to resume
talks on Black Sea grain shipments in Istanbul.
"""

from __future__ import annotations

import json
from pathlib import Path

PAGE_DATE = "2026-03-10"
CLAIM = (
    "Russia is ready to resume talks on Black Sea grain shipments in Istanbul, Deputy Foreign Minister Alexei "
    "Voronin said on Tuesday."
)

_STATEMENT = (
    "Russia is ready to resume talks on Black Sea grain shipments in Istanbul, Deputy Foreign Minister Alexei "
    "Voronin told reporters on Tuesday. Voronin said the Russian delegation could travel to Istanbul as early as "
    "next week if Turkish mediators confirmed the venue, and that the talks would cover the insurance of cargo "
    "ships and the inspection of vessels leaving Odesa. He said earlier rounds had stalled over the inspections."
)

# (id, url, outlet or None, date, title, text)
DOCUMENTS: list[tuple[str, str, str | None, str, str, str]] = [
    (
        "tass-own",
        "https://tass.com/politics/2026031001",
        None,  # the outlet is found from the URL (tass.com)
        "2026-03-10",
        "Moscow ready to resume grain talks in Istanbul, says Voronin",
        "Moscow ready to resume grain talks in Istanbul, says Voronin\n\n"
        "MOSCOW, March 10. /TASS/. " + _STATEMENT + "\n\n"
        "The diplomat said Moscow expected written guarantees for Russian agricultural exports before any deal. "
        "Turkish officials have offered to host a new round since the last meeting ended without agreement in the "
        "autumn, and the Turkish foreign ministry said it would answer within days.",
    ),
    (
        "balkan-herald-tass",
        "https://balkanherald.example/world/grain-talks-istanbul",
        "Balkan Herald",
        "2026-03-10",
        "Russian diplomat signals return to grain talks",
        "Russian diplomat signals return to grain talks\n\n"
        "MOSCOW (TASS) — A senior Russian diplomat said on Tuesday that Moscow was prepared to go back to the "
        "negotiating table in Istanbul over grain shipments across the Black Sea. Alexei Voronin, a deputy foreign "
        "minister, told journalists in Moscow that a delegation could leave for Turkey next week once the venue "
        "was confirmed by the mediators.\n\n"
        "According to the diplomat, the agenda would include cargo insurance and the checks on ships sailing from "
        "Odesa, the issue on which previous rounds broke down. Shipping firms in the region have waited for months "
        "for a clear answer on whether the corridor will reopen.",
    ),
    (
        "sofia-ledger-cites-tass",
        "https://sofialedger.example/world/voronin-istanbul",
        "Sofia Ledger",
        "2026-03-10",
        "Moscow names Istanbul for new grain round",
        "Moscow names Istanbul for new grain round\n\n"
        "Alexei Voronin, Russia's deputy foreign minister, told TASS on Tuesday that Moscow was ready to resume the "
        "Black Sea grain negotiations in Istanbul and could send a delegation next week. The talks would address "
        "insurance for cargo vessels and the inspections of ships leaving Odesa, he said in the interview.\n\n"
        "Bulgarian grain exporters, who have shipped through Varna since the corridor closed, said a deal would "
        "cut their costs but that they doubted one would come before the harvest.",
    ),
    (
        "pravda-own",
        "https://www.pravda.com.ua/eng/news/2026/03/10/7420001/",
        None,  # Ukrainska Pravda, from the URL
        "2026-03-10",
        "Kyiv dismisses Moscow's offer of grain talks in Istanbul",
        "Kyiv dismisses Moscow's offer of grain talks in Istanbul\n\n"
        "Ukraine's foreign ministry dismissed on Tuesday a statement by Russian Deputy Foreign Minister Alexei "
        "Voronin that Moscow was ready to resume Black Sea grain talks in Istanbul. A ministry spokeswoman said "
        "Russia had made the same offer several times without changing its conditions, and that Ukrainian ports "
        "were exporting grain through their own corridor in any case.\n\n"
        "The spokeswoman said Kyiv would consult Ankara before deciding whether to send a delegation, and that the "
        "inspections Moscow wanted were a pretext for delaying ships leaving Odesa.",
    ),
    (
        "kyiv-sun-pravda",
        "https://kyivsun.example/politics/grain-offer-dismissed",
        "Kyiv Sun",
        "2026-03-10",
        "Foreign ministry: Russian grain offer is nothing new",
        "Foreign ministry: Russian grain offer is nothing new\n\n"
        "The Ukrainian foreign ministry has brushed aside remarks by Alexei Voronin, Russia's deputy foreign "
        "minister, who said Moscow could return to grain negotiations in Istanbul. Russia has repeated this offer "
        "many times with the same demands, a spokeswoman told journalists, adding that Ukraine already ships "
        "grain through a corridor of its own.\n\n"
        "Kyiv will talk to Turkey first before it decides on a delegation, she said, calling the inspection "
        "demands an excuse to hold up vessels sailing from Odesa.\n\n"
        "This article was originally published by Ukrainska Pravda.",
    ),
    (
        "danube-observer",
        "https://danubeobserver.example/2026/03/11/grain-istanbul",
        "Danube Observer",
        "2026-03-11",
        "Russia says it is ready for Istanbul grain talks",
        "Russia says it is ready for Istanbul grain talks\n\n"
        "Russia's deputy foreign minister Alexei Voronin said on Tuesday that his country stood ready to resume "
        "talks in Istanbul on grain shipments through the Black Sea, in comments to reporters in Moscow. He said "
        "the talks would deal with insurance for cargo ships and inspections of vessels leaving Odesa.\n\n"
        "Grain traders in Constanta said the remarks lifted hopes that freight rates, which doubled after the "
        "corridor closed, would ease before the summer harvest is shipped.",
    ),
    (
        "caspian-review-january",
        "https://caspianreview.example/2026/01/14/voronin-grain",
        "Caspian Review",
        "2026-01-14",
        "Voronin: Moscow open to grain talks in Istanbul",
        "Voronin: Moscow open to grain talks in Istanbul\n\n"
        "Deputy Foreign Minister Alexei Voronin said on Wednesday that Russia was ready to resume talks on Black "
        "Sea grain shipments in Istanbul, provided that its own exports of grain and fertiliser were guaranteed. "
        "Voronin told a news conference in Moscow that the delegation was waiting for Turkish mediators to set a "
        "date, and that insurance for cargo ships remained the main open question.\n\n"
        "Ukraine's foreign ministry did not comment on the remarks on Wednesday.",
    ),
    (
        "kommersant-denial",
        "https://www.kommersant.ru/doc/2026031601",
        None,  # Kommersant, from the URL
        "2026-03-16",
        "Voronin denies offering new grain talks",
        "Voronin denies offering new grain talks\n\n"
        "Deputy Foreign Minister Alexei Voronin on Monday denied saying that Russia was ready to resume talks on "
        "Black Sea grain shipments in Istanbul, telling reporters that his remarks last week had been misquoted. "
        "Moscow had only confirmed that it received a Turkish proposal and was studying it, he said, and no "
        "delegation would travel before the terms for Russian exports were agreed.\n\n"
        "The Turkish foreign ministry said it regretted the confusion and that its offer to host the talks stood.",
    ),
    (
        "weather",
        "https://danubeobserver.example/2026/03/10/storm",
        "Danube Observer",
        "2026-03-10",
        "Storm closes mountain passes",
        "Storm closes mountain passes\n\n"
        "Heavy snow closed three mountain passes in the north overnight and the roads authority said they would "
        "stay shut until ploughs had cleared drifts up to two metres deep. Drivers were told to use the valley "
        "road, which adds about an hour to the journey, and rail services were running with delays of up to forty "
        "minutes. Forecasters expect the snow to ease by Thursday, with milder air arriving at the weekend.",
    ),
    (
        "football",
        "https://balkanherald.example/sport/cup-final",
        "Balkan Herald",
        "2026-03-09",
        "Harbour side win the cup on penalties",
        "Harbour side win the cup on penalties\n\n"
        "The harbour club won the national cup on Monday night, beating the champions on penalties after a "
        "goalless draw in front of 30,000 fans. Their goalkeeper saved two spot kicks and the captain scored the "
        "winning penalty, the club's first trophy in eleven years. The coach said the players had earned a few "
        "days off before the league resumes next week.",
    ),
]


def write_corpus_jsonl(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for ident, url, outlet, date, title, text in DOCUMENTS:
            row = {"id": ident, "url": url, "date": date, "title": title, "text": text}
            if outlet:
                row["outlet"] = outlet
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


# Two pages under analysis. The first republishes TASS's report (credited in its dateline): TASS's own story and
# the Balkan Herald's TASS-credited one are both the page's own origin. The second is an independent page that
# credits Ukrainska Pravda for its background: Ukrainska Pravda's story and the Kyiv Sun's republication of it
# are its own origin, and the two TASS documents count once.
TASS_PAGE = (
    "Russia ready to resume grain talks\n\n"
    "MOSCOW, March 10. /TASS/. Russia is ready to resume talks on Black Sea grain shipments in Istanbul, Deputy "
    "Foreign Minister Alexei Voronin said on Tuesday. He said a delegation could travel to Turkey next week.\n\n"
    "The last round of talks ended without agreement in the autumn over the inspection of ships leaving Odesa, and "
    "Turkish mediators have since offered to host another meeting.\n\n"
    "Black Sea Courier - news from the coast\n"
    "About us | Contact | Advertise"
)
PRAVDA_PAGE = (
    "Moscow offers to return to grain talks\n\n"
    "Russia is ready to resume talks on Black Sea grain shipments in Istanbul, Deputy Foreign Minister Alexei "
    "Voronin said on Tuesday, according to reports from Moscow. Ukraine's foreign ministry said the offer was "
    "not new and that Kyiv would first consult Ankara.\n\n"
    "Ukrainian ports have exported grain through their own corridor since the Russian-backed arrangement "
    "collapsed, and shipping insurers say rates remain high.\n\n"
    "Originally published by Ukrainska Pravda\n\n"
    "Adriatic Post - independent news\n"
    "About us | Contact"
)
