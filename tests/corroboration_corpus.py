"""An invented corpus for the corroboration tests: one statement by an invented deputy foreign minister, as wires,
outlets that credit them, and independent outlets reported it, on the day and on other days. Nothing here is real
news; the outlets the registry knows (TASS, Ukrainska Pravda) are named so that their aliases are exercised.

The statement: on Tuesday 10 March 2026 Deputy Foreign Minister Alexei Voronin said Russia was ready to resume
talks on Black Sea grain shipments in Istanbul. TASS, the Danube Observer and the Aegean Times report him saying it;
the Anatolia Dispatch reports Turkish mediators calling it false (no talks are planned): it contests the content,
not who said it. The Caspian Review's January statement and Kommersant's denial six days later are of other dates.
Around them, unrelated stories (culture, sport, weather, city news) from the same and other outlets on other days:
30 documents, 13 outlets, 18 dates (issue 32, Must show 1).
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
    # ---- more independent reports of the statement, and one that contests its content -------------------------
    (
        "aegean-times",
        "https://aegeantimes.example/diplomacy/2026/03/10/voronin-istanbul-grain",
        "Aegean Times",
        "2026-03-10",
        "Voronin: Russia ready to go back to Istanbul grain talks",
        "Voronin: Russia ready to go back to Istanbul grain talks\n\n"
        "Russia is prepared to resume negotiations on grain shipments across the Black Sea in Istanbul, Deputy "
        "Foreign Minister Alexei Voronin said at a briefing in Moscow on Tuesday. Voronin said a Russian "
        "delegation could be in Istanbul within a week if the mediators agreed, and named the insurance of cargo "
        "ships and the inspection of vessels from Odesa as the questions to settle.\n\n"
        "Greek shipowners, who carried much of the grain before the corridor closed, said they would wait for a "
        "signed agreement before sending ships back to Ukrainian ports.",
    ),
    (
        "anatolia-dispatch-contests",
        "https://anatoliadispatch.example/politics/2026/03/11/no-grain-talks-planned",
        "Anatolia Dispatch",
        "2026-03-11",
        "Ankara: no grain talks are planned in Istanbul",
        "Ankara: no grain talks are planned in Istanbul\n\n"
        "Turkish mediators denied on Wednesday that Russia was ready to resume talks on Black Sea grain shipments "
        "in Istanbul, calling remarks by Russian Deputy Foreign Minister Alexei Voronin false. No talks are planned, "
        "the Turkish foreign ministry said.\n\n"
        "There are no grain talks planned in Istanbul and Russia is not ready to resume them, a ministry official "
        "said. Moscow has not accepted the terms of the last round, no date or venue has been agreed, and Ankara "
        "has received no request to host a new round.",
    ),
    # ---- unrelated stories, several outlets and days: not evidence for the claim ---------------------------------
    (
        "museum",
        "https://carpathiangazette.example/culture/2026/03/10/museum-reopens",
        "Carpathian Gazette",
        "2026-03-10",
        "Town museum reopens after five-year restoration",
        "Town museum reopens after five-year restoration\n\n"
        "The town museum reopened its doors on Tuesday after a five-year restoration that replaced the roof, "
        "rebuilt the staircase and restored the painted ceilings of the great hall. Visitors queued from early "
        "morning to see the collection of folk costumes, carved chests and pottery, most of which had been kept in "
        "storage since the building closed. Entry will be free until the end of the month.",
    ),
    (
        "tram-fares",
        "https://carpathiangazette.example/city/2026/02/24/tram-fares",
        "Carpathian Gazette",
        "2026-02-24",
        "Council raises tram fares for the first time in six years",
        "Council raises tram fares for the first time in six years\n\n"
        "The city council voted on Tuesday to raise the price of a single tram ticket by twenty cents from April, "
        "the first rise in six years. Councillors said the money would pay for new low-floor trams on the river "
        "line, while students and pensioners will keep their reduced monthly passes. Opposition members said the "
        "rise would hit commuters who have no other way to reach the industrial park.",
    ),
    (
        "chess",
        "https://tbilisicourier.example/sport/2026/03/12/chess-open",
        "Tbilisi Courier",
        "2026-03-12",
        "Teenager leads the city chess open",
        "Teenager leads the city chess open\n\n"
        "A fifteen-year-old from the old town leads the city chess open after six rounds, half a point ahead of two "
        "grandmasters. She won her sixth-round game in forty moves with a knight sacrifice that her opponent "
        "called the best move he had faced all year. Three rounds remain, and the winner will earn a place in "
        "the national championship in the autumn.",
    ),
    (
        "wine-harvest",
        "https://tbilisicourier.example/economy/2026/02/27/wine-exports",
        "Tbilisi Courier",
        "2026-02-27",
        "Wine makers report record exports",
        "Wine makers report record exports\n\n"
        "The country's wine makers sold a record number of bottles abroad last year, the wine agency said on "
        "Friday, with amber wines made in clay jars leading the growth. Small family cellars in the eastern "
        "valleys accounted for most of the new sales, the agency said, and several of them plan to open tasting "
        "rooms for tourists this summer.",
    ),
    (
        "bridge",
        "https://balticmorning.example/local/2026/03/09/bridge-repairs",
        "Baltic Morning",
        "2026-03-09",
        "Old bridge to close for repairs in April",
        "Old bridge to close for repairs in April\n\n"
        "The old stone bridge over the river will close to cars for six months from April while engineers replace "
        "its crumbling piers, the roads department said on Monday. Pedestrians and cyclists will still be able to "
        "cross on a temporary walkway. Buses will be diverted over the northern bridge, adding about ten minutes "
        "to journeys into the centre at rush hour.",
    ),
    (
        "library",
        "https://balticmorning.example/culture/2026/03/18/library-hours",
        "Baltic Morning",
        "2026-03-18",
        "Libraries to open on Sundays",
        "Libraries to open on Sundays\n\n"
        "All six district libraries will open on Sunday afternoons from May, the culture department said on "
        "Wednesday, after a survey found that families wanted more time to borrow books at weekends. The longer "
        "hours will be paid for by closing the libraries on Monday mornings, when fewest readers visit. The "
        "central library will also add a reading room for children.",
    ),
    (
        "marathon",
        "https://aegeantimes.example/sport/2026/03/15/marathon",
        "Aegean Times",
        "2026-03-15",
        "Kenyan runner breaks the course record",
        "Kenyan runner breaks the course record\n\n"
        "A Kenyan runner broke the course record of the coastal marathon on Sunday, finishing in two hours and six "
        "minutes despite a strong headwind on the last ten kilometres. More than twelve thousand runners took part, "
        "and organisers said the number of women entering had doubled in three years. The race raised money for "
        "the children's hospital.",
    ),
    (
        "olive-oil",
        "https://aegeantimes.example/economy/2026/03/02/olive-oil",
        "Aegean Times",
        "2026-03-02",
        "Olive oil prices fall after a good harvest",
        "Olive oil prices fall after a good harvest\n\n"
        "The price of olive oil in shops has fallen by almost a third since the autumn after a plentiful harvest "
        "on the islands, a consumer group said on Monday. Producers said the rain in spring had saved the trees "
        "after two dry years, but warned that many small groves had been abandoned and that costs for labour and "
        "bottles were still rising.",
    ),
    (
        "film-festival",
        "https://anatoliadispatch.example/culture/2026/03/13/film-festival",
        "Anatolia Dispatch",
        "2026-03-13",
        "Debut film wins the festival's top prize",
        "Debut film wins the festival's top prize\n\n"
        "A first feature about three sisters running a bakery in a mountain village won the top prize at the film "
        "festival on Friday. The director, who financed the film with help from her neighbours, thanked the "
        "village for lending its houses and its bread. The jury also gave a special mention to a documentary about "
        "a travelling cinema.",
    ),
    (
        "earthquake-drill",
        "https://anatoliadispatch.example/local/2026/02/20/earthquake-drill",
        "Anatolia Dispatch",
        "2026-02-20",
        "Schools hold a city-wide earthquake drill",
        "Schools hold a city-wide earthquake drill\n\n"
        "Nearly a million pupils took part in an earthquake drill on Friday morning, sheltering under their desks "
        "and then walking to the assembly points in their schoolyards. The disaster agency said most schools had "
        "emptied their buildings in under four minutes, but that some older schools still lacked marked exits. "
        "The next drill will be held in the autumn.",
    ),
    (
        "zoo",
        "https://danubeobserver.example/2026/03/12/zoo-cubs",
        "Danube Observer",
        "2026-03-12",
        "Zoo welcomes two snow leopard cubs",
        "Zoo welcomes two snow leopard cubs\n\n"
        "Two snow leopard cubs born at the city zoo in January were shown to visitors for the first time on "
        "Thursday. Keepers said the cubs, a male and a female, were healthy and had begun to eat meat. The zoo "
        "will ask readers to choose their names. It has kept snow leopards since the 1980s as part of a European "
        "breeding programme.",
    ),
    (
        "hospital",
        "https://kyivsun.example/health/2026/03/05/new-hospital-wing",
        "Kyiv Sun",
        "2026-03-05",
        "Children's hospital opens a new cancer wing",
        "Children's hospital opens a new cancer wing\n\n"
        "The regional children's hospital opened a new wing for young cancer patients on Thursday, with forty beds, "
        "a playroom and rooms where parents can stay overnight. Doctors said the wing would shorten waiting times "
        "for treatment that children from the region had travelled to the capital to receive. It was built with "
        "donations from thousands of families.",
    ),
    (
        "concert",
        "https://sofialedger.example/culture/2026/03/10/orchestra",
        "Sofia Ledger",
        "2026-03-10",
        "Orchestra plays to a full house on its hundredth birthday",
        "Orchestra plays to a full house on its hundredth birthday\n\n"
        "The city's philharmonic orchestra marked its hundredth birthday on Tuesday with a concert that sold out "
        "within an hour of the tickets going on sale. The programme opened with the overture played at the "
        "orchestra's first concert in 1926 and ended with a new symphony written for the occasion. The orchestra "
        "will tour five towns in the summer.",
    ),
    (
        "tennis",
        "https://sofialedger.example/sport/2026/03/17/tennis",
        "Sofia Ledger",
        "2026-03-17",
        "Local player reaches her first tour final",
        "Local player reaches her first tour final\n\n"
        "A nineteen-year-old from the capital reached her first final on the professional tour on Tuesday, beating "
        "the second seed in three sets after losing the first. She said she had nearly given up the sport last "
        "year after a wrist injury. Her coach, a former national champion, said she had the best backhand he had "
        "seen in a player her age.",
    ),
    (
        "wildfire",
        "https://caspianreview.example/2026/03/08/steppe-fire",
        "Caspian Review",
        "2026-03-08",
        "Firefighters contain a steppe fire",
        "Firefighters contain a steppe fire\n\n"
        "Firefighters contained a grass fire that burned across the dry steppe for two days, the emergency service "
        "said on Sunday. Helicopters dropped water on the edge of the fire to keep it away from two villages, "
        "whose residents spent a night in a school gym. No one was hurt. The service said the fire had probably "
        "been started by farmers burning stubble.",
    ),
    (
        "startup",
        "https://caspianreview.example/2026/02/26/app-startup",
        "Caspian Review",
        "2026-02-26",
        "Language app start-up raises new funding",
        "Language app start-up raises new funding\n\n"
        "A start-up that makes an app for learning minority languages said on Thursday it had raised new funding "
        "from investors and would hire twenty programmers. Its founders, two former teachers, said the app now "
        "offers lessons in nine languages, recorded by native speakers in their villages, and that most of its "
        "users were children of emigrants.",
    ),
    (
        "flood",
        "https://balkanherald.example/region/2026/03/19/river-flood",
        "Balkan Herald",
        "2026-03-19",
        "River bursts its banks after days of rain",
        "River bursts its banks after days of rain\n\n"
        "The river burst its banks in three places on Thursday after four days of heavy rain, flooding fields and "
        "the lower streets of two towns. Soldiers filled sandbags through the night to protect the water works. "
        "The hydrological service said the water would peak on Friday and fall slowly over the weekend, and asked "
        "people living near the river to move their cars to higher ground.",
    ),
    (
        "bakery",
        "https://tbilisicourier.example/city/2026/03/10/bakery",
        "Tbilisi Courier",
        "2026-03-10",
        "Oldest bakery in the old town closes its ovens",
        "Oldest bakery in the old town closes its ovens\n\n"
        "The oldest bakery in the old town baked its last loaves on Tuesday after a hundred and twenty years, as "
        "its owners, a brother and sister in their seventies, retired. Neighbours queued round the corner for the "
        "round breads baked in the clay oven. The owners said no one in the family wanted to take over and that "
        "the building would become a café.",
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
