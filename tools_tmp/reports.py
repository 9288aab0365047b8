R = []
def add(file, pub, pub_line, country, head, body, events, see=None):
    R.append(dict(file=file, pub=pub, pub_line=pub_line, country=country, head=head, body=body, events=events, see=see))

add("000_cameroon_bambui_separatist_ambush.txt", "2025-02-12T09:15:00", "12 February 2025 09:15", "Cameroon",
"[G:Separatists] kill [C:two soldiers] near [L:Bamenda]",
"""[L:BAMENDA], [L:Cameroon], [D:Feb 11] (wire) - [G:Separatist fighters] killed [C:two soldiers] and wounded [C:another four] in an {1:ambush} on a military convoy outside [L:Bamenda] on [D:Tuesday morning], military sources said.
The [G:fighters] set off a [W:homemade bomb] before opening fire with [W:rifles] near the village of [L:Bambui], in [L:Tubah] district, the sources said. [G:Troops] returned fire and killed [C:three of the attackers], regional commander [P:Emile Nkodo] told reporters.
The [A:Ambazonia Defence Forces] ([A:ADF]) said its [G:fighters] had carried out the attack. Fighting between [G:separatists] and the [G:army] in the [L:North West] and [L:South West] regions has killed [C:more than 6,000 people] since [D:2017].""",
[dict(t="1", event_type="Battles", sub_event_type="Armed clash", event_date="2025-02-11", actor1="ADF: Ambazonia Defence Forces", inter1=2,
 actor2="Military Forces of Cameroon (1982-)", inter2=1, admin1="North-West", admin2="Mezam", location="Bambui", fatalities=5,
 fatalities_rule="reported deaths (2 soldiers + 3 attackers)", injuries=4,
 notes="On 11 February 2025, Ambazonian separatists (ADF claim) ambushed a military convoy near Bambui (Tubah, Mezam) with a homemade bomb and rifles; troops returned fire. 2 soldiers and 3 attackers killed, 4 soldiers wounded. Gunfire after the bomb makes it an armed clash. The 6,000 toll since 2017 is background.",
 roles=dict(actor1=["Separatist fighters"], actor2=["two soldiers#1"], location=["Bambui"], date=["Tuesday morning"], fatalities=["two soldiers#1","three of the attackers"], injuries=["another four"], weapon=["homemade bomb","rifles"]))])

add("001_niger_tera_jihadist_attack.txt", "2025-03-23T18:40:00", "23 March 2025 18:40", "Niger",
"[G:Gunmen] on motorbikes kill [G:villagers] in western [L:Niger]",
"""[L:NIAMEY], [D:March 23] (wire) - [G:Gunmen] riding motorbikes {1:attacked} a village near [L:Tera] in [L:Niger]'s [L:Tillaberi] region on [D:Saturday], killing [C:at least 14 civilians], local officials said. A security source put the toll at [C:22].
The [G:assailants] surrounded the village at dawn, set fire to granaries and shot [C:men] who tried to flee, a resident who gave his name as [P:Moussa Hamani] said by telephone. [C:Another nine people] were wounded.
No group claimed the attack. [A:Islamic State Sahel Province] and the al Qaeda-linked [A:JNIM] are both active in the region, which borders [L:Burkina Faso] and [L:Mali].
[G:Soldiers] were sent to the area on [D:Sunday], the defence ministry said. Attacks on civilians in [L:Tillaberi] have risen since the [D:July 2023] coup.""",
[dict(t="1", event_type="Violence against civilians", sub_event_type="Attack", event_date="2025-03-22", actor1="Unidentified Armed Group (Niger)", inter1=3,
 actor2="Civilians (Niger)", inter2=7, civilian_targeting=True, admin1="Tillaberi", admin2="Tera", location="Tera", geo_precision=2, fatalities=14,
 fatalities_rule="conflicting reports (14, 22): lowest", injuries=9,
 notes="On 22 March 2025, unidentified gunmen on motorbikes attacked a village near Tera (Tillaberi), killing at least 14 civilians (a security source said 22) and wounding 9. No claim; IS Sahel and JNIM are only mentioned. Troop deployment on Sunday is not an event.",
 roles=dict(actor1=["Gunmen"], actor2=["men"], location=["Tera"], date=["Saturday"], fatalities=["at least 14 civilians","22"], injuries=["Another nine people"]))])

add("002_chad_ngouboua_boko_haram.txt", "2025-01-09T07:05:00", "9 January 2025 07:05", "Chad",
"Chadian [G:army] says it repelled [A:Boko Haram] raid on [L:Lake Chad] island base",
"""[L:N'DJAMENA], [D:Jan 8] (wire) - [A:Boko Haram] [G:fighters] {1:attacked} an army post near [L:Ngouboua] in [L:Chad]'s [L:Lake Chad] province late on [D:Tuesday], sparking a gun battle that lasted [D:several hours], the army said on [D:Wednesday].
Army spokesman [P:Issakha Mahamat] said [C:eight soldiers] were killed and [C:13] wounded, while [C:about 30 insurgents] were "neutralised". [P:Mahamat] said the [G:attackers] came in dozens of canoes from islands on the lake.
The [G:militants] also burned two military vehicles, he said.
[G:Jihadists] killed [C:about 40 soldiers] in a similar raid on a base in the same area in [D:October 2024].""",
[dict(t="1", event_type="Battles", sub_event_type="Armed clash", event_date="2025-01-07", actor1="Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", inter1=2,
 actor2="Military Forces of Chad (2021-)", inter2=1, admin1="Lac", admin2="Kaya", location="Ngouboua", geo_precision=2, fatalities=38,
 fatalities_rule="reported deaths (8 soldiers + about 30 insurgents)", injuries=13,
 notes="On 7 January 2025 (late Tuesday), Boko Haram fighters attacked an army post near Ngouboua (Lac); 8 soldiers and about 30 insurgents killed, 13 soldiers wounded. Two vehicles burned are not casualties. The October 2024 raid is background.",
 roles=dict(actor1=["fighters"], actor2=["eight soldiers"], location=["Ngouboua"], date=["Tuesday"], fatalities=["eight soldiers","about 30 insurgents"], injuries=["13"]))])

add("003_car_bambari_upc_clash.txt", "2024-11-19T12:30:00", "19 November 2024 12:30", "Central African Republic",
"Fighting near [L:Bambari] between [G:rebels] and [G:government troops]",
"""[L:BANGUI], [L:Central African Republic] (wire) - [G:Rebels] of the [A:Union for Peace in the Central African Republic] ([A:UPC]) {1:clashed} with [G:government troops] and [A:Wagner] [G:fighters] outside [L:Bambari] in [L:Ouaka] prefecture on [D:Sunday], a local official and a humanitarian source said.
The official, [P:Jean-Pierre Yakite], said [C:five rebels] and [C:one soldier] were killed. The humanitarian source said [C:at least seven people] had died, including [C:two civilians] caught in crossfire.
In a separate incident on [D:Monday], [G:armed men] {2:abducted} [C:three aid workers] on the road between [L:Bambari] and [L:Bangui], the source said.
The [A:UPC] signed a peace deal in [D:2019] but left it in [D:December 2020].""",
[dict(t="1", event_type="Battles", sub_event_type="Armed clash", event_date="2024-11-17", actor1="UPC: Union for Peace in the Central African Republic", inter1=2,
 actor2="Military Forces of the Central African Republic (2016-)", inter2=1, assoc_actor_2="Wagner Group", assoc_inter_2=8, admin1="Ouaka", admin2="Bambari", location="Bambari", geo_precision=2, fatalities=6,
 fatalities_rule="conflicting reports (6, at least 7): lowest",
 notes="On 17 November 2024, UPC rebels clashed with FACA and Wagner fighters outside Bambari (Ouaka); 5 rebels and 1 soldier killed per a local official (at least 7 including 2 civilians per a humanitarian source): lowest 6.",
 roles=dict(actor1=["Rebels"], actor2=["government troops","fighters"], location=["Bambari#1"], date=["Sunday"], fatalities=["five rebels","one soldier","at least seven people","two civilians"])),
 dict(t="2", event_type="Violence against civilians", sub_event_type="Abduction/forced disappearance", event_date="2024-11-18", actor1="Unidentified Armed Group (Central African Republic)", inter1=3,
 actor2="Civilians (Central African Republic)", inter2=7, civilian_targeting=True, admin1="Ouaka", admin2="Bambari", location="Bambari", geo_precision=2,
 notes="On 18 November 2024, armed men abducted 3 aid workers on the Bambari-Bangui road; coded near Bambari (geo_precision 2).",
 roles=dict(actor1=["armed men"], actor2=["three aid workers"], location=["Bambari#2"], date=["Monday"]))])

add("004_south_sudan_pibor_cattle_raid.txt", "2025-04-15T10:00:00", "15 April 2025 10:00", "South Sudan",
"Cattle raid in [L:Jonglei] leaves [C:dozens] dead",
"""[L:JUBA], [L:South Sudan], [D:April 15] (wire) - [G:Armed youth] {1:raided} cattle camps near [L:Pibor] on [D:Saturday], killing [C:dozens of people] and driving off thousands of cattle, a local commissioner said.
Commissioner [P:Peter Lokuli] said [C:31 people] were killed and [C:another 18] wounded, most of them herders. [C:Four children] were abducted, he said. A UN source gave a lower toll of [C:24 dead].
[P:Lokuli] blamed [G:raiders] from neighbouring counties of [L:Jonglei] state. [G:Police] in [L:Bor] said on [D:Monday] they had {2:arrested} [C:six suspects].
Revenge raids between communities in the area have killed [C:hundreds] since [D:2020].""",
[dict(t="1", event_type="Violence against civilians", sub_event_type="Attack", event_date="2025-04-12", actor1="Communal Militia (South Sudan)", inter1=4,
 actor2="Civilians (South Sudan)", inter2=7, civilian_targeting=True, admin1="Jonglei", admin2="Pibor", location="Pibor", geo_precision=2, fatalities=24,
 fatalities_rule="conflicting reports (31, 24): lowest", injuries=18,
 notes="On 12 April 2025, armed youth raided cattle camps near Pibor (Jonglei); 31 killed per the commissioner, 24 per a UN source: lowest 24; 18 wounded; 4 children abducted (same event). Hundreds since 2020 is background.",
 roles=dict(actor1=["Armed youth"], actor2=["Four children"], location=["Pibor"], date=["Saturday"], fatalities=["dozens of people","31 people","24 dead"], injuries=["another 18"])),
 dict(t="2", event_type="Strategic developments", sub_event_type="Arrests", event_date="2025-04-14", actor1="Police Forces of South Sudan (2011-)", inter1=1,
 actor2="Communal Militia (South Sudan)", inter2=4, admin1="Jonglei", admin2="Bor South", location="Bor",
 notes="On 14 April 2025, police in Bor arrested 6 suspects over the raid.",
 roles=dict(actor1=["Police"], location=["Bor"], date=["Monday"]))])

add("005_ethiopia_gida_ayana_ola.txt", "2024-12-04T15:20:00", "4 December 2024 15:20", "Ethiopia",
"[A:OLA] [G:fighters] and [G:federal forces] clash in [L:East Wellega]",
"""[L:ADDIS ABABA], [D:Dec 4] (wire) - [G:Fighters] of the [A:Oromo Liberation Army] ([A:OLA]) {1:fought} [G:federal troops] for control of [L:Gida Ayana] town in [L:Oromia]'s [L:East Wellega] zone on [D:Monday], residents said.
A resident, [P:Tolera Gemechu], said he saw [C:the bodies of 11 soldiers] in the street. The [A:OLA] said its [G:fighters] had killed [C:more than 40 troops], a figure that could not be verified.
On [D:Tuesday], a [W:drone strike] {2:hit} a market in [L:Gida Ayana], killing [C:seven civilians], two residents said. The government did not comment.
The [A:OLA] split from the [A:Oromo Liberation Front] in [D:2018]. Peace talks in [L:Tanzania] collapsed [D:last year].""",
[dict(t="1", event_type="Battles", sub_event_type="Armed clash", event_date="2024-12-02", actor1="OLA: Oromo Liberation Army", inter1=2,
 actor2="Military Forces of Ethiopia (2018-)", inter2=1, admin1="Oromia", admin2="East Wellega", location="Gida Ayana", fatalities=11,
 fatalities_rule="conflicting reports (11, more than 40): lowest",
 notes="On 2 December 2024, OLA fighters clashed with federal troops in Gida Ayana (East Wellega); a resident saw 11 soldiers' bodies, the OLA claimed more than 40: lowest 11.",
 roles=dict(actor1=["Fighters"], actor2=["federal troops"], location=["Gida Ayana#1"], date=["Monday"], fatalities=["the bodies of 11 soldiers","more than 40 troops"])),
 dict(t="2", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", event_date="2024-12-03", actor1="Military Forces of Ethiopia (2018-)", inter1=1,
 actor2="Civilians (Ethiopia)", inter2=7, civilian_targeting=True, admin1="Oromia", admin2="East Wellega", location="Gida Ayana", fatalities=7, fatalities_rule="reported deaths",
 notes="On 3 December 2024, a drone strike hit a market in Gida Ayana, killing 7 civilians; only the state operates drones here, so actor1 is the military.",
 roles=dict(location=["Gida Ayana#2"], date=["Tuesday"], fatalities=["seven civilians"], weapon=["drone strike"]))])

add("006_kenya_nairobi_finance_protest.txt", "2025-06-26T21:10:00", "26 June 2025 21:10", "Kenya",
"[G:Police] Fire Tear Gas As [G:Protesters] March On [L:Nairobi] Centre",
"""[L:NAIROBI], [D:June 26] (wire) - [G:Police] {1:fired} tear gas and live rounds at [G:protesters] in central [L:Nairobi] on [D:Wednesday] as [G:thousands] marched against new taxes, killing [C:two people], a rights group said.
The Kenya National Commission on Human Rights said [C:at least 27 people] were treated for gunshot wounds. [G:Police] said [C:11 officers] were injured by stones.
In [L:Kibera], [G:youths] {2:burned} tyres and looted shops after dark, and [G:police] detained [C:dozens], witnesses said.
"We only want to be heard," said [P:Achieng Wanjiru], a student. [P:Wanjiru] said she had been hit by a rubber bullet.
Protests over the cost of living left [C:more than 60 people] dead in [D:June and July 2024].""",
[dict(t="1", event_type="Protests", sub_event_type="Excessive force against protesters", event_date="2025-06-25", actor1="Police Forces of Kenya (2022-)", inter1=1,
 actor2="Protesters (Kenya)", inter2=6, admin1="Nairobi", location="Nairobi", fatalities=2, fatalities_rule="reported deaths", injuries=38,
 notes="On 25 June 2025, police fired tear gas and live rounds at tax protesters in central Nairobi; 2 killed, at least 27 treated for gunshot wounds and 11 officers hurt (38 injured). The 2024 toll is background.",
 roles=dict(actor1=["Police#1"], actor2=["protesters"], location=["Nairobi"], date=["Wednesday"], fatalities=["two people"], injuries=["at least 27 people","11 officers"])),
 dict(t="2", event_type="Riots", sub_event_type="Violent demonstration", event_date="2025-06-25", actor1="Rioters (Kenya)", inter1=5,
 actor2="Police Forces of Kenya (2022-)", inter2=1, admin1="Nairobi", location="Kibera",
 notes="On the evening of 25 June 2025, youths in Kibera burned tyres and looted shops; police detained dozens. A separate location is a separate frame.",
 roles=dict(actor1=["youths"], actor2=["police"], location=["Kibera"]))])

add("007_libya_tripoli_militia_clashes.txt", "2025-05-13T08:45:00", "13 May 2025 08:45", "Libya",
"Heavy fighting between [G:armed groups] in [L:Tripoli]",
"""[L:TRIPOLI], [L:Libya], [D:May 13] (wire) - Rival [G:armed groups] {1:fought} with [W:heavy machine guns] and [W:rocket-propelled grenades] in the [L:Souq al-Jumaa] district of [L:Tripoli] [D:overnight], killing [C:at least six people], the health ministry said on [D:Tuesday].
The clashes pitted the [A:Radaa Special Deterrence Force] against the [A:444 Brigade], residents said. [C:Two of the dead] were civilians, including a child, and [C:23 others] were wounded.
Flights at [L:Mitiga airport] were suspended and schools closed. Fighting also {2:broke out} in [L:Ain Zara], although no casualties were reported there.
Resident [P:Salem Bousaid] said he counted more than 20 armoured vehicles on his street. [L:Tripoli] has been divided among armed factions since the [D:2011] uprising.""",
[dict(t="1", event_type="Battles", sub_event_type="Armed clash", event_date="2025-05-12", time_precision=1, actor1="Radaa Special Deterrence Force", inter1=3,
 actor2="444 Brigade", inter2=3, admin1="Tripoli", location="Souq al-Jumaa", fatalities=6, fatalities_rule="reported deaths", injuries=23,
 notes="Overnight 12-13 May 2025, Radaa and the 444 Brigade clashed in Souq al-Jumaa (Tripoli); at least 6 killed, 2 of them civilians, 23 wounded.",
 roles=dict(actor1=["Radaa Special Deterrence Force"], actor2=["444 Brigade"], location=["Souq al-Jumaa"], date=["overnight"], fatalities=["at least six people"], injuries=["23 others"], weapon=["rocket-propelled grenades"])),
 dict(t="2", event_type="Battles", sub_event_type="Armed clash", event_date="2025-05-12", actor1="Radaa Special Deterrence Force", inter1=3,
 actor2="444 Brigade", inter2=3, admin1="Tripoli", location="Ain Zara",
 notes="The same night, fighting broke out in Ain Zara (Tripoli); no casualties reported. Another location is another frame.",
 roles=dict(location=["Ain Zara"]))])

add("008_lebanon_bint_jbeil_strike.txt", "2024-09-03T16:30:00", "3 September 2024 16:30", "Lebanon",
"Israeli strike kills [C:three] in south [L:Lebanon]; [A:Hezbollah] fires rockets",
"""[L:BEIRUT], [D:Sept 3] (wire) - An Israeli [W:drone] {1:struck} a car in [L:Bint Jbeil] on [D:Tuesday morning], killing [C:three men], [L:Lebanon]'s state news agency said. The [G:Israeli military] said it had targeted [A:Hezbollah] [G:operatives].
[A:Hezbollah] said [C:two of the men] were its [G:fighters]. [D:Hours later], the group {2:fired} a barrage of [W:Katyusha rockets] at [L:Metula] in northern [L:Israel], wounding [C:one soldier], the Israeli military said.
[G:Israeli forces] and [A:Hezbollah] have exchanged fire across the border almost daily since [D:October 2023].""",
[dict(t="1", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", event_date="2024-09-03", actor1="Military Forces of Israel (2022-)", inter1=8,
 actor2="Hezbollah", inter2=2, admin1="Nabatieh", admin2="Bint Jbeil", location="Bint Jbeil", fatalities=3, fatalities_rule="reported deaths",
 notes="On 3 September 2024, an Israeli drone struck a car in Bint Jbeil, killing 3 men, 2 claimed by Hezbollah as its fighters.",
 roles=dict(actor1=["Israeli military"], actor2=["operatives"], location=["Bint Jbeil"], date=["Tuesday morning"], fatalities=["three men"], weapon=["drone"])),
 dict(t="2", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack", event_date="2024-09-03", actor1="Hezbollah", inter1=2,
 actor2="Military Forces of Israel (2022-)", inter2=8, country="Israel", admin1="Northern", location="Metula", injuries=1,
 notes="On 3 September 2024, Hezbollah fired Katyusha rockets at Metula (Israel), wounding 1 soldier. Country = where it happened.",
 roles=dict(actor1=["Hezbollah#2"], actor2=["one soldier"], location=["Metula"], date=["Hours later"], injuries=["one soldier"], weapon=["Katyusha rockets"]))])

add("009_yemen_taiz_houthi_shelling.txt", "2025-02-17T11:00:00", "17 February 2025 11:00", "Yemen",
"Shelling and sniper fire kill [C:four] in [L:Taiz]",
"""[L:ADEN], [L:Yemen], [D:Feb 17] (wire) - [A:Houthi] [G:fighters] {1:shelled} a residential neighbourhood in the besieged city of [L:Taiz] on [D:Sunday], killing [C:three civilians], including two women, and wounding [C:another five], a medical source said.
On [D:Monday], a [G:sniper] {2:shot dead} [C:a 12-year-old boy] in the same city, local authorities said. The [A:Houthis] did not comment.
"The [W:shells] fell on houses while families were having lunch," said resident [P:Abdulkarim Saleh].
[L:Taiz] has been encircled by the [A:Houthis], who control the capital [L:Sanaa], since [D:2015].""",
[dict(t="1", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack", event_date="2025-02-16", actor1="Houthi Movement", inter1=2,
 actor2="Civilians (Yemen)", inter2=7, civilian_targeting=True, admin1="Taiz", location="Taiz", fatalities=3, fatalities_rule="reported deaths", injuries=5,
 notes="On 16 February 2025, Houthi fighters shelled a residential area of Taiz, killing 3 civilians and wounding 5.",
 roles=dict(actor1=["fighters"], location=["Taiz#1"], date=["Sunday"], fatalities=["three civilians"], injuries=["another five"])),
 dict(t="2", event_type="Violence against civilians", sub_event_type="Attack", event_date="2025-02-17", actor1="Houthi Movement", inter1=2,
 actor2="Civilians (Yemen)", inter2=7, civilian_targeting=True, admin1="Taiz", location="Taiz", fatalities=1, fatalities_rule="reported deaths",
 notes="On 17 February 2025, a sniper shot dead a 12-year-old boy in Taiz. Another day is another frame; the sniper is attributed to the Houthi side by context (no comment).",
 roles=dict(actor1=["sniper"], actor2=["a 12-year-old boy"], date=["Monday"], fatalities=["a 12-year-old boy"]))])

add("010_turkey_istanbul_protest_arrests.txt", "2025-03-21T23:30:00", "21 March 2025 23:30", "Turkey",
"Turkish [G:police] detain [C:hundreds] after [L:Istanbul] protests",
"""[L:ISTANBUL], [D:March 21] (Reuters) - [G:Police] {1:detained} [C:more than 340 people] in [L:Istanbul] on [D:Friday] after a [D:second night] of protests against the arrest of the city's mayor, the interior ministry said.
[G:Tens of thousands] {2:rallied} outside the city hall on [D:Thursday night], chanting slogans against the government. [G:Riot police] used water cannon and pepper spray when some [G:protesters] tried to push through barricades.
In [L:Kadikoy], on the Asian side of the city, [G:students] {3:marched} peacefully on [D:Friday afternoon].
A student held at the rally, [P:Emre Yalcin], was released [D:later that day], his lawyer said. [P:Yalcin] said he had been kept in a bus for six hours.
[L:Turkey] last saw street protests on this scale in [D:2013].""",
[dict(t="1", event_type="Strategic developments", sub_event_type="Arrests", event_date="2025-03-21", actor1="Police Forces of Turkey (2016-)", inter1=1,
 actor2="Protesters (Turkey)", inter2=6, admin1="Istanbul", location="Istanbul",
 notes="On 21 March 2025, police detained more than 340 people in Istanbul after the protests. Detainees are casualties in the CASUALTY sense (detained), not fatalities.",
 roles=dict(actor1=["Police"], actor2=["more than 340 people"], location=["Istanbul"], date=["Friday"])),
 dict(t="2", event_type="Protests", sub_event_type="Protest with intervention", event_date="2025-03-20", actor1="Protesters (Turkey)", inter1=6,
 actor2="Police Forces of Turkey (2016-)", inter2=1, admin1="Istanbul", location="Istanbul",
 notes="On the night of 20 March 2025, tens of thousands rallied outside Istanbul city hall; riot police used water cannon and pepper spray: protest with intervention.",
 roles=dict(actor1=["Tens of thousands","protesters"], actor2=["Riot police"], location=["Istanbul"], date=["Thursday night"])),
 dict(t="3", event_type="Protests", sub_event_type="Peaceful protest", event_date="2025-03-21", actor1="Protesters (Turkey)", inter1=6,
 admin1="Istanbul", admin2="Kadikoy", location="Kadikoy",
 notes="On 21 March 2025, students marched peacefully in Kadikoy (Istanbul). The released student is not a casualty; 2013 is background.",
 roles=dict(actor1=["students"], location=["Kadikoy"], date=["Friday afternoon"]))])

add("011_georgia_tbilisi_protest.txt", "2024-12-01T09:30:00", "1 December 2024 09:30", "Georgia",
"Georgian [G:riot police] disperse pro-EU rally in [L:Tbilisi]",
"""[L:TBILISI], [L:Georgia], [D:Dec 1] (wire) - [G:Riot police] used water cannon and tear gas to {1:disperse} [G:thousands of protesters] outside parliament on [L:Rustaveli Avenue] in [L:Tbilisi] [D:early Sunday], the [D:third night] of protests against the government's decision to suspend talks on joining the European Union.
Some [G:demonstrators] threw fireworks and stones at [G:police] lines and set barricades on fire. The interior ministry said [C:21 officers] were hurt and [C:107 people] were detained.
Opposition politician [P:Nino Kapanadze] said [C:dozens of protesters] had been beaten. [P:Kapanadze] said [D:Saturday]'s march had been peaceful until [G:police] moved in.
[G:Tens of thousands] also {2:rallied} in [L:Batumi] on [D:Saturday evening] without incident, local media reported.""",
[dict(t="1", event_type="Riots", sub_event_type="Violent demonstration", event_date="2024-12-01", actor1="Rioters (Georgia)", inter1=5,
 actor2="Police Forces of Georgia (2012-)", inter2=1, admin1="Tbilisi", location="Tbilisi", injuries=21,
 notes="Early on 1 December 2024, protesters outside parliament on Rustaveli Avenue threw fireworks and stones at police, who dispersed them with water cannon and tear gas; 21 officers hurt, 107 detained (dozens of protesters beaten: vague injuries not added).",
 roles=dict(actor1=["demonstrators"], actor2=["Riot police","police#1"], location=["Rustaveli Avenue"], date=["early Sunday"], injuries=["21 officers"])),
 dict(t="2", event_type="Protests", sub_event_type="Peaceful protest", event_date="2024-11-30", actor1="Protesters (Georgia)", inter1=6,
 admin1="Adjara", location="Batumi",
 notes="On the evening of 30 November 2024, tens of thousands rallied peacefully in Batumi (Adjara).",
 roles=dict(actor1=["Tens of thousands"], location=["Batumi"], date=["Saturday evening"]))])

add("012_armenia_tegh_border_fire.txt", "2024-02-14T10:15:00", "14 February 2024 10:15", "Armenia",
"[C:Four Armenian soldiers] killed in border shooting",
"""[L:YEREVAN], [D:Feb 13] (wire) - [C:Four Armenian soldiers] were killed and [C:one] wounded when [G:Azerbaijani forces] {1:opened fire} on their positions near the village of [L:Tegh] in [L:Syunik] province on [D:Tuesday], [L:Armenia]'s defence ministry said.
[L:Azerbaijan]'s border service said its [G:troops] had carried out a "revenge operation" in response to what it called a provocation by [G:Armenian forces] [D:a day earlier]. It reported no losses.
[P:Armen Sargsyan], who lives in [L:Tegh], said the shooting lasted about half an hour.
It was the deadliest incident on the border since [D:September 2022], when fighting killed [C:about 300 soldiers] on both sides.""",
[dict(t="1", event_type="Battles", sub_event_type="Armed clash", event_date="2024-02-13", actor1="Military Forces of Azerbaijan (1993-)", inter1=8,
 actor2="Military Forces of Armenia (2018-)", inter2=8, admin1="Syunik", location="Tegh", fatalities=4, fatalities_rule="reported deaths", injuries=1,
 notes="On 13 February 2024, Azerbaijani forces opened fire on Armenian positions near Tegh (Syunik); 4 soldiers killed, 1 wounded. The alleged provocation a day earlier is undescribed; September 2022 is background.",
 roles=dict(actor1=["Azerbaijani forces"], actor2=["Four Armenian soldiers"], location=["Tegh#1"], date=["Tuesday"], fatalities=["Four Armenian soldiers"], injuries=["one"]))])

add("013_thailand_narathiwat_bomb_yala_shooting.txt", "2025-01-21T13:50:00", "21 January 2025 13:50", "Thailand",
"[W:Roadside bomb] wounds [G:rangers] in [L:Narathiwat]; [G:village defence volunteer] shot in [L:Yala]",
"""[L:BANGKOK], [D:Jan 21] (wire) - A [W:roadside bomb] {1:exploded} beside a patrol of paramilitary [G:rangers] in [L:Rueso] district of [L:Narathiwat] province on [D:Monday morning], wounding [C:five rangers], police said.
The [W:bomb], hidden in a gas cylinder, was set off by mobile phone, police colonel [P:Somchai Wongsuwan] said.
[D:That evening], [G:two gunmen] on a motorcycle {2:shot dead} [C:a village defence volunteer] as he rode home off duty in [L:Bannang Sata] district of neighbouring [L:Yala] province, [P:Somchai] said.
No group claimed either attack. Authorities often blame the [A:Barisan Revolusi Nasional] ([A:BRN]), which is in on-off peace talks with [L:Thailand]'s government. Violence in the Muslim-majority south has killed [C:more than 7,000 people] since [D:2004].""",
[dict(t="1", event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED", event_date="2025-01-20", actor1="Unidentified Armed Group (Thailand)", inter1=3,
 actor2="Military Forces of Thailand (2019-) Rangers", inter2=1, admin1="Narathiwat", admin2="Rueso", location="Rueso", geo_precision=2, injuries=5,
 notes="On 20 January 2025, a remotely detonated roadside bomb wounded 5 rangers in Rueso district (Narathiwat). No claim; BRN only mentioned.",
 roles=dict(actor2=["rangers"], location=["Rueso"], date=["Monday morning"], injuries=["five rangers"], weapon=["roadside bomb"])),
 dict(t="2", event_type="Violence against civilians", sub_event_type="Attack", event_date="2025-01-20", actor1="Unidentified Armed Group (Thailand)", inter1=3,
 actor2="Civilians (Thailand)", inter2=7, assoc_actor_2="Village Defence Volunteers", assoc_inter_2=3, civilian_targeting=True, admin1="Yala", admin2="Bannang Sata", location="Bannang Sata", geo_precision=2,
 fatalities=1, fatalities_rule="reported deaths",
 notes="On the evening of 20 January 2025, two gunmen shot dead an off-duty village defence volunteer in Bannang Sata (Yala): an off-duty member is a civilian target with the force as associated actor.",
 roles=dict(actor1=["two gunmen"], actor2=["a village defence volunteer"], location=["Bannang Sata"], date=["That evening"], fatalities=["a village defence volunteer"]))])

add("014_indonesia_sugapa_tpnpb.txt", "2024-10-08T06:40:00", "8 October 2024 06:40", "Indonesia",
"[A:West Papua National Liberation Army] claims killing of [C:two soldiers] in [L:Intan Jaya]",
"""[L:JAYAPURA], [L:Indonesia], [D:Oct 8] (wire) - [G:Separatist rebels] {1:shot dead} [C:two Indonesian soldiers] and wounded [C:a third] during a firefight near [L:Sugapa], the main town of [L:Intan Jaya] regency in [L:Papua], the military said on [D:Tuesday].
The [G:soldiers] were guarding a construction site on [D:Monday afternoon] when they came under fire, military spokesman [P:Agus Siregar] said. [G:Troops] returned fire and were hunting the [G:attackers].
The [A:West Papua National Liberation Army] ([A:TPNPB]), the armed wing of the [A:Free Papua Movement] ([A:OPM]), said it carried out the attack. Its spokesman said [C:one of its fighters] was also killed, which the military did not confirm.
The [G:rebels] have fought for independence since the region came under Indonesian rule in [D:1969].""",
[dict(t="1", event_type="Battles", sub_event_type="Armed clash", event_date="2024-10-07", actor1="TPNPB: West Papua National Liberation Army", inter1=2,
 actor2="Military Forces of Indonesia (2014-)", inter2=1, admin1="Central Papua", admin2="Intan Jaya", location="Sugapa", geo_precision=2, fatalities=3,
 fatalities_rule="reported deaths (2 soldiers + 1 rebel claimed)", injuries=1,
 notes="On 7 October 2024, TPNPB rebels and soldiers exchanged fire near Sugapa (Intan Jaya); 2 soldiers killed, 1 wounded; TPNPB says 1 of its fighters died. The two reports are not conflicting (different people), so both count.",
 roles=dict(actor1=["Separatist rebels"], actor2=["soldiers"], location=["Sugapa"], date=["Monday afternoon"], fatalities=["two Indonesian soldiers","one of its fighters"], injuries=["a third"]))])

add("015_bangladesh_rangamati_communal_clash.txt", "2024-09-21T17:00:00", "21 September 2024 17:00", "Bangladesh",
"[C:Three] dead as communal violence spreads in [L:Chittagong Hill Tracts]",
"""[L:DHAKA], [D:Sept 21] (wire) - [C:Three people] were killed and [C:at least 50] injured when [G:Bengali settlers] and [G:indigenous residents] {1:clashed} with sticks and [W:machetes] in [L:Rangamati] on [D:Friday], police said.
The violence followed the death of a young Bengali man in [L:Khagrachari] [D:two days earlier]. [G:Mobs] {2:torched} shops and houses in [L:Khagrachari] on [D:Thursday night], and [G:soldiers] fired into the air to disperse them, the army said.
Local leader [P:Shanti Chakma] said [C:two of the dead] in [L:Rangamati] were indigenous students. [G:Police] said [C:12 people] had been arrested.
The government imposed a curfew in both towns on [D:Saturday]. A peace accord in [D:1997] ended decades of insurgency in the region.""",
[dict(t="1", event_type="Riots", sub_event_type="Mob violence", event_date="2024-09-20", actor1="Rioters (Bangladesh)", inter1=5,
 actor2="Rioters (Bangladesh)", inter2=5, admin1="Chittagong", admin2="Rangamati", location="Rangamati", fatalities=3, fatalities_rule="reported deaths", injuries=50,
 notes="On 20 September 2024, Bengali settlers and indigenous residents clashed with sticks and machetes in Rangamati; 3 killed, at least 50 injured: mob violence. The curfew is not coded.",
 roles=dict(actor1=["Bengali settlers"], actor2=["indigenous residents"], location=["Rangamati#1"], date=["Friday"], fatalities=["Three people"], injuries=["at least 50"], weapon=["machetes"])),
 dict(t="2", event_type="Riots", sub_event_type="Mob violence", event_date="2024-09-19", actor1="Rioters (Bangladesh)", inter1=5,
 actor2="Military Forces of Bangladesh (2024-)", inter2=1, admin1="Chittagong", admin2="Khagrachari", location="Khagrachari",
 notes="On the night of 19 September 2024, mobs torched shops and houses in Khagrachari; soldiers fired into the air. The man's death two days earlier is undescribed background.",
 roles=dict(actor1=["Mobs"], actor2=["soldiers"], location=["Khagrachari#2"], date=["Thursday night"]))])

add("016_haiti_cite_soleil_gang_attack.txt", "2025-03-04T14:25:00", "4 March 2025 14:25", "Haiti",
"Gang Attack On [L:Cite Soleil] Kills [C:At Least 20], Rights Group Says",
"""[L:PORT-AU-PRINCE], [D:March 4] (wire) - [G:Gang members] {1:attacked} residents of [L:Cite Soleil] on the outskirts of [L:Port-au-Prince] on [D:Saturday], killing [C:at least 20 people] and burning dozens of homes, a local rights group said on [D:Tuesday].
The group said the [G:attackers] belonged to the [A:Viv Ansanm] gang coalition and used [W:automatic weapons] and [W:machetes]. A police source put the toll at [C:15].
[G:Police] and [G:Kenyan-led security personnel] {2:exchanged fire} with [G:gang members] in [L:Delmas] on [D:Monday], wounding [C:two officers], police spokesman [P:Garry Desrosiers] said. [P:Desrosiers] gave no details on casualties among the [G:gangs].
Gang violence killed [C:more than 5,600 people] in [L:Haiti] in [D:2024], according to the United Nations.""",
[dict(t="1", event_type="Violence against civilians", sub_event_type="Attack", event_date="2025-03-01", actor1="Viv Ansanm", inter1=3,
 actor2="Civilians (Haiti)", inter2=7, civilian_targeting=True, admin1="Ouest", admin2="Port-au-Prince", location="Cite Soleil", fatalities=15,
 fatalities_rule="conflicting reports (at least 20, 15): lowest",
 notes="On 1 March 2025, Viv Ansanm gang members attacked residents of Cite Soleil; at least 20 killed per a rights group, 15 per police: lowest 15.",
 roles=dict(actor1=["Gang members"], location=["Cite Soleil#1"], date=["Saturday"], fatalities=["at least 20 people","15"], weapon=["automatic weapons","machetes"])),
 dict(t="2", event_type="Battles", sub_event_type="Armed clash", event_date="2025-03-03", actor1="Police Forces of Haiti (2021-)", inter1=1,
 assoc_actor_1="MSS: Multinational Security Support Mission in Haiti (2023-)", assoc_inter_1=8, actor2="Viv Ansanm", inter2=3, admin1="Ouest", admin2="Port-au-Prince", location="Delmas", injuries=2,
 notes="On 3 March 2025, police and Kenyan-led MSS personnel exchanged fire with gang members in Delmas; 2 officers wounded.",
 roles=dict(actor1=["Police","Kenyan-led security personnel"], actor2=["gang members"], location=["Delmas"], date=["Monday"], injuries=["two officers"]))],
see="Who are Haiti's gangs?")

add("017_honduras_san_pedro_sula_shooting.txt", "2024-06-17T19:45:00", "17 June 2024 19:45", "Honduras",
"[G:Gunmen] kill [C:six] at football pitch in [L:San Pedro Sula]",
"""[L:TEGUCIGALPA], [D:June 17] (wire) - [G:Gunmen] {1:opened fire} on [G:young men] playing football in the [L:Chamelecon] neighbourhood of [L:San Pedro Sula] on [D:Sunday night], killing [C:six] and wounding [C:three], police said.
Witnesses said [G:four masked men] arrived in a pickup truck and fired [W:assault rifles] before fleeing. Police spokesman [P:Jorge Mejia Cruz] said investigators were looking into whether the [A:Mara Salvatrucha] ([A:MS-13]) or the rival [A:Barrio 18] gang was behind the killings.
On [D:Monday], [G:military police] {2:arrested} [C:two suspects] in nearby [L:Choloma], [P:Mejia] said.
[L:Honduras] has been under a partial state of emergency targeting gangs since [D:December 2022].""",
[dict(t="1", event_type="Violence against civilians", sub_event_type="Attack", event_date="2024-06-16", actor1="Unidentified Gang (Honduras)", inter1=3,
 actor2="Civilians (Honduras)", inter2=7, civilian_targeting=True, admin1="Cortes", admin2="San Pedro Sula", location="San Pedro Sula", fatalities=6, fatalities_rule="reported deaths", injuries=3,
 notes="On the night of 16 June 2024, four masked gunmen fired assault rifles at young men playing football in Chamelecon (San Pedro Sula); 6 killed, 3 wounded. The gang is not identified (MS-13 and Barrio 18 only suspected).",
 roles=dict(actor1=["Gunmen"], actor2=["young men"], location=["Chamelecon"], date=["Sunday night"], fatalities=["six"], injuries=["three"], weapon=["assault rifles"])),
 dict(t="2", event_type="Strategic developments", sub_event_type="Arrests", event_date="2024-06-17", actor1="Military Police of Honduras", inter1=1,
 admin1="Cortes", admin2="Choloma", location="Choloma",
 notes="On 17 June 2024, military police arrested 2 suspects in Choloma.",
 roles=dict(actor1=["military police"], location=["Choloma"], date=["Monday"]))])

add("018_ecuador_guayaquil_car_bomb.txt", "2024-11-11T22:05:00", "11 November 2024 22:05", "Ecuador",
"[W:Car bomb] explodes outside [L:Guayaquil] prison",
"""[L:QUITO], [L:Ecuador], [D:Nov 11] (wire) - A [W:car bomb] {1:exploded} outside the Litoral penitentiary in [L:Guayaquil] on [D:Monday afternoon], wounding [C:two guards] and [C:a passer-by], police said.
Two vehicles were damaged. A second device, a [W:grenade] left on a nearby wall, was {2:defused} by bomb disposal experts [D:an hour later], police commander [P:Fausto Intriago] said.
[P:Intriago] blamed [A:Los Lobos], one of the country's largest gangs, which has been fighting [A:Los Choneros] for control of the prison.
[G:Soldiers] took over several prisons in [D:January 2024], when the government declared an "internal armed conflict" against gangs. [C:More than 460 inmates] have died in prison massacres since [D:2021].""",
[dict(t="1", event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED", event_date="2024-11-11", actor1="Los Lobos", inter1=3,
 actor2="Prison Guards (Ecuador)", inter2=1, assoc_actor_2="Civilians (Ecuador)", assoc_inter_2=7, admin1="Guayas", admin2="Guayaquil", location="Guayaquil", injuries=3,
 notes="On 11 November 2024, a car bomb exploded outside the Litoral prison in Guayaquil, wounding 2 guards and a passer-by; police blamed Los Lobos (attribution by authorities). Two damaged vehicles are not casualties.",
 roles=dict(actor1=["Los Lobos"], actor2=["two guards"], location=["Guayaquil"], date=["Monday afternoon"], injuries=["two guards","a passer-by"], weapon=["car bomb"])),
 dict(t="2", event_type="Strategic developments", sub_event_type="Disrupted weapons use", event_date="2024-11-11", actor1="Police Forces of Ecuador (2023-)", inter1=1,
 admin1="Guayas", admin2="Guayaquil", location="Guayaquil",
 notes="On 11 November 2024, bomb disposal experts defused a grenade near the prison: disrupted weapons use. January 2024 and 2021 are background.",
 roles=dict(date=["an hour later"], weapon=["grenade"]))])

add("019_peru_vraem_ambush.txt", "2024-08-30T08:20:00", "30 August 2024 08:20", "Peru",
"[C:Three soldiers] killed in [L:VRAEM] ambush",
"""[L:LIMA], [D:Aug 30] (wire) - [C:Three soldiers] were killed and [C:another two] wounded when [G:remnants] of the [A:Shining Path] {1:ambushed} a patrol in the [L:Vizcatan del Ene] district of [L:Junin] region on [D:Thursday], [L:Peru]'s armed forces joint command said.
The command said [G:troops] killed [C:one attacker] in the exchange of fire and seized [W:rifles] and explosives at a camp nearby. Local media said [C:two attackers] had died.
The area is part of the [L:VRAEM], a coca-growing valley where the [A:Militarized Communist Party of Peru], an offshoot of the [A:Shining Path], is still active. Villager [P:Rosa Huaman] said the shooting went on for an hour.
The [A:Shining Path] insurgency killed [C:about 69,000 people] between [D:1980] and [D:2000].""",
[dict(t="1", event_type="Battles", sub_event_type="Armed clash", event_date="2024-08-29", actor1="Militarized Communist Party of Peru", inter1=2,
 actor2="Military Forces of Peru (2023-)", inter2=1, admin1="Junin", admin2="Satipo", location="Vizcatan del Ene", geo_precision=2, fatalities=4,
 fatalities_rule="reported deaths (3 soldiers + attackers conflicting 1 or 2: lowest)", injuries=2,
 notes="On 29 August 2024, Shining Path remnants (MPCP) ambushed an army patrol in Vizcatan del Ene (Satipo, Junin); 3 soldiers killed, 2 wounded; 1 attacker killed per the command (2 per local media: lowest). Weapons seized are part of the same operation.",
 roles=dict(actor1=["remnants"], actor2=["Three soldiers"], location=["Vizcatan del Ene"], date=["Thursday"], fatalities=["Three soldiers","one attacker","two attackers"], injuries=["another two"]))])

add("020_uk_lurgan_off_duty_officer.txt", "2025-02-08T10:40:00", "8 February 2025 10:40", "United Kingdom",
"Off-duty officer injured in [L:Lurgan] gun attack",
"""[L:BELFAST], [D:Feb 8] (wire) - An off-duty police officer was shot and injured outside a sports club in [L:Lurgan], [L:County Armagh], on [D:Friday evening], the [A:Police Service of Northern Ireland] ([A:PSNI]) said.
[G:Two gunmen] {1:fired} several shots at [C:the officer] as he got into his car, Detective Superintendent [P:Neil Hamill] said. [P:Hamill] said the attack was being treated as attempted murder and that the [A:New IRA] was the main line of inquiry.
Detectives {2:arrested} [C:a 35-year-old man] in [L:Portadown] on [D:Saturday morning].
The [A:New IRA] shot and seriously injured a senior detective in Omagh in [D:February 2023]. The group emerged in [D:2012].""",
[dict(t="1", event_type="Violence against civilians", sub_event_type="Attack", event_date="2025-02-07", actor1="New IRA: New Irish Republican Army", inter1=2,
 actor2="Civilians (United Kingdom)", inter2=7, assoc_actor_2="Police Forces of the United Kingdom (2022-) Police Service of Northern Ireland", assoc_inter_2=1,
 civilian_targeting=True, admin1="Northern Ireland", admin2="Armagh City, Banbridge and Craigavon", location="Lurgan", injuries=1,
 notes="On 7 February 2025, two gunmen shot and injured an off-duty PSNI officer in Lurgan (County Armagh); New IRA named as the main line of inquiry. Off-duty officer: civilian target with the force as associated actor.",
 roles=dict(actor1=["Two gunmen"], actor2=["the officer"], location=["Lurgan#1"], date=["Friday evening"], injuries=["the officer"])),
 dict(t="2", event_type="Strategic developments", sub_event_type="Arrests", event_date="2025-02-08", actor1="Police Forces of the United Kingdom (2022-) Police Service of Northern Ireland", inter1=1,
 admin1="Northern Ireland", admin2="Armagh City, Banbridge and Craigavon", location="Portadown",
 notes="On 8 February 2025, detectives arrested a 35-year-old man in Portadown. The 2023 shooting and 2012 founding are background.",
 roles=dict(actor2=["a 35-year-old man"], location=["Portadown"], date=["Saturday morning"]))])

add("021_spain_barcelona_housing_riot.txt", "2024-10-06T08:00:00", "6 October 2024 08:00", "Spain",
"Clashes in [L:Barcelona] after housing march",
"""[L:BARCELONA], [D:Oct 6] (wire) - [G:Tens of thousands of people] {1:marched} through [L:Barcelona] on [D:Saturday] to protest against soaring rents, organisers said, while city police put the number at 22,000.
After the march, [G:groups of masked youths] {2:threw} bottles and flares at [G:riot police] of the [A:Mossos d'Esquadra] on [L:Via Laietana] and set rubbish bins on fire, the regional interior department said. [C:Fourteen officers] and [C:six protesters] were hurt, and [C:nine people] were arrested.
"This is about a whole generation that cannot afford to live here," said [P:Laia Puig], 26, a nurse who joined the march.
In [L:Madrid], [G:several hundred people] {3:rallied} outside the housing ministry on [D:Sunday morning].""",
[dict(t="1", event_type="Protests", sub_event_type="Peaceful protest", event_date="2024-10-05", actor1="Protesters (Spain)", inter1=6,
 admin1="Catalonia", admin2="Barcelona", location="Barcelona",
 notes="On 5 October 2024, tens of thousands (22,000 per police) marched in Barcelona against rents, peacefully. Crowd sizes are ACTOR phrases (the marchers), not casualties.",
 roles=dict(actor1=["Tens of thousands of people"], location=["Barcelona"], date=["Saturday"])),
 dict(t="2", event_type="Riots", sub_event_type="Violent demonstration", event_date="2024-10-05", actor1="Rioters (Spain)", inter1=5,
 actor2="Police Forces of Spain (2018-) Mossos d'Esquadra", inter2=1, admin1="Catalonia", admin2="Barcelona", location="Via Laietana", injuries=20,
 notes="After the march on 5 October 2024, masked youths threw bottles and flares at Mossos riot police on Via Laietana; 14 officers and 6 protesters hurt, 9 arrested.",
 roles=dict(actor1=["groups of masked youths"], actor2=["riot police"], location=["Via Laietana"], injuries=["Fourteen officers","six protesters"])),
 dict(t="3", event_type="Protests", sub_event_type="Peaceful protest", event_date="2024-10-06", actor1="Protesters (Spain)", inter1=6,
 admin1="Madrid", admin2="Madrid", location="Madrid",
 notes="On the morning of 6 October 2024, several hundred people rallied outside the housing ministry in Madrid.",
 roles=dict(actor1=["several hundred people"], location=["Madrid"], date=["Sunday morning"]))])

add("022_france_corsica_borgo_gendarmerie.txt", "2025-04-28T18:35:00", "28 April 2025 18:35", "France",
"Gendarmerie Barracks In [L:Corsica] Hit By Rocket And Gunfire",
"""[L:BASTIA], [L:France], [D:April 28] (wire) - [G:Unidentified attackers] {1:fired} an [W:anti-tank rocket] and [W:automatic rifles] at a gendarmerie barracks in [L:Borgo], south of [L:Bastia], in the [D:early hours of Monday], causing damage but no injuries, prosecutors said. Investigators found about 30 cartridge cases and a rocket tube at the scene.
The [A:National Liberation Front of Corsica] ([A:FLNC]) said in a statement on [D:Monday afternoon] that it had carried out the attack, calling the [G:gendarmes] an occupying force.
Anti-terrorism [G:police] had {2:arrested} [C:two men] in [L:Ajaccio] on [D:Sunday] on suspicion of preparing attacks for the group, prosecutor [P:Claire Marchetti] said. [P:Marchetti] did not link the arrests to the shooting.
The [A:FLNC] ended its armed campaign in [D:2014] but has claimed sporadic attacks since [D:2022].""",
[dict(t="1", event_type="Battles", sub_event_type="Armed clash", event_date="2025-04-28", actor1="FLNC: National Liberation Front of Corsica", inter1=2,
 actor2="Military Forces of France (2017-) Gendarmerie", inter2=1, admin1="Corsica", admin2="Haute-Corse", location="Borgo",
 notes="Early on 28 April 2025, attackers (claimed by the FLNC the same day) fired an anti-tank rocket and automatic rifles at the gendarmerie barracks in Borgo (Haute-Corse); no injuries. Attack on on-duty gendarmes: Battles. Cartridge cases are not casualties.",
 roles=dict(actor1=["Unidentified attackers"], actor2=["gendarmes"], location=["Borgo"], date=["early hours of Monday"], weapon=["anti-tank rocket","automatic rifles"])),
 dict(t="2", event_type="Strategic developments", sub_event_type="Arrests", event_date="2025-04-27", actor1="Police Forces of France (2022-)", inter1=1,
 actor2="FLNC: National Liberation Front of Corsica", inter2=2, admin1="Corsica", admin2="Corse-du-Sud", location="Ajaccio",
 notes="On 27 April 2025, anti-terrorism police arrested 2 men in Ajaccio suspected of preparing FLNC attacks. 2014 and 2022 are background.",
 roles=dict(actor1=["police"], actor2=["two men"], location=["Ajaccio"], date=["Sunday"]))])

add("023_germany_mannheim_knife_attack.txt", "2025-05-31T20:15:00", "31 May 2025 20:15", "Germany",
"[C:One] dead, [C:four] hurt in [L:Mannheim] knife attack; police shoot suspect",
"""[L:BERLIN], [D:May 31] (wire) - A man armed with a [W:knife] {1:stabbed} [C:five people] at a market square in [L:Mannheim] on [D:Friday], killing [C:a 64-year-old woman], before [G:police] shot and wounded him, prosecutors in [L:Karlsruhe] said.
[C:Two of the wounded] were in a serious condition, a hospital spokeswoman said. Witness [P:Jonas Albrecht] said the [G:attacker] shouted before lunging at people at a flower stall.
Prosecutors said the [C:28-year-old suspect], who was arrested at the scene, had no known links to any group.
On [D:Saturday], [G:about 2,000 people] {2:gathered} in the square to mourn the victims. A smaller counter-demonstration by the [A:AfD] was kept apart by [G:police].
A [W:knife] attack at a festival in [L:Solingen] killed [C:three people] in [D:August 2024].""",
[dict(t="1", event_type="Violence against civilians", sub_event_type="Attack", event_date="2025-05-30", actor1="Unidentified Armed Group (Germany)", inter1=3,
 actor2="Civilians (Germany)", inter2=7, civilian_targeting=True, admin1="Baden-Wuerttemberg", admin2="Mannheim", location="Mannheim", fatalities=1, fatalities_rule="reported deaths", injuries=5,
 notes="On 30 May 2025, a lone man stabbed 5 people in Mannheim, killing a 64-year-old woman; police shot and wounded him (the suspect counts as a fifth injury: 4 stabbed survivors + suspect). The Solingen attack is background.",
 roles=dict(actor1=["attacker"], actor2=["five people"], location=["Mannheim#1"], date=["Friday"], fatalities=["a 64-year-old woman"], injuries=["Two of the wounded","28-year-old suspect"], weapon=["knife#1"])),
 dict(t="2", event_type="Protests", sub_event_type="Peaceful protest", event_date="2025-05-31", actor1="Protesters (Germany)", inter1=6,
 assoc_actor_1="AfD: Alternative for Germany", assoc_inter_1=6, admin1="Baden-Wuerttemberg", admin2="Mannheim", location="Mannheim",
 notes="On 31 May 2025, about 2,000 people gathered in the Mannheim square to mourn; an AfD counter-demonstration was kept apart by police. A vigil is coded as a peaceful protest.",
 roles=dict(actor1=["about 2,000 people"], date=["Saturday"]))])
