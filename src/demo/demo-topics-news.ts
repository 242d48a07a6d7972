// Background, subheadings, lists and closing lines for the Politics, Economy and Society beats.
import type { NewsTopicKey, Topic } from './demo-topics.ts'

export const NEWS_TOPICS: Record<NewsTopicKey, Topic> = {
  city: {
    section: 'politics',
    beat: 'mariam-hakimi',
    tags: ['Kabul Municipality', 'Public services', 'Transport'],
    backgrounds: [
      'The municipality says about a third of its yearly spending now goes on street maintenance, drainage and lighting, up from roughly a quarter five years ago. Officials argue that small, visible repairs do more for residents than a handful of large projects.',
      'Residents have long complained that repairs stop at the main roads. District representatives told the municipality last month that side streets in the western neighbourhoods still flood after a single evening of rain.',
      'Like many cities in the region, {city} has grown quickly over the past two decades, and many districts were built before any formal plan existed. That makes even simple work, such as laying a drain or numbering houses, slower than engineers would like.',
      'Each district office keeps a list of requests from residents. Officials say the lists are now reviewed every month, and that the most common requests are for drains, lights and repaired pavements.',
    ],
    subheads: ['What residents can expect', 'Paying for the work'],
    list: {
      intro: 'The plan lists these priorities:',
      items: [
        'clearing and relining the main drainage channels before spring',
        'replacing broken street lights on school routes first',
        'repainting pedestrian crossings near markets and clinics',
        'a telephone line for reporting blocked drains',
      ],
    },
    closers: [
      'The municipality said it would report on progress at the end of the quarter and invited residents to send comments through their district offices.',
      'Work is due to begin in the coming weeks, weather permitting, and officials said each district would receive a timetable before crews arrive.',
    ],
  },
  trade: {
    section: 'politics',
    beat: 'mariam-hakimi',
    tags: ['Trade', 'Exports', 'Transport'],
    backgrounds: [
      'Traders say the biggest cost is not fees but time: a truck that waits three days at a crossing can lose part of its load to heat or cold, and drivers charge for every day on the road.',
      'Chambers of commerce have asked for longer opening hours at the main crossings and for paperwork that can be completed before a truck reaches the border.',
      'Fresh fruit, dried fruit, carpets and medicinal herbs make up much of what leaves the country by road, while fuel, flour, cooking oil and building materials dominate what comes in.',
      'Transport companies in {city} say they have added refrigerated trucks over the past two years, but that the fleet is still too small for the peak of the grape and melon seasons.',
    ],
    subheads: ['Time at the border', 'What traders want'],
    list: {
      intro: 'Among the measures discussed were:',
      items: [
        'filing customs papers online before a truck departs',
        'a separate lane for perishable goods',
        'longer opening hours during the harvest months',
        'one published list of fees, in Dari, Pashto and English',
      ],
    },
    closers: [
      'A follow-up meeting is planned for next month, when officials are expected to say which of the proposals can start before the next harvest.',
      'Traders said they would judge the changes by one measure only: how many hours their trucks spend waiting.',
    ],
  },
  services: {
    section: 'politics',
    beat: 'mariam-hakimi',
    tags: ['Public services', 'Technology'],
    backgrounds: [
      'Until recently most applications had to be made in person, often after a long journey from the provinces. Officials say an appointment system introduced this year has shortened queues, though demand still outstrips the number of counters.',
      'The office handles several thousand applications a week. Staff say the busiest days are at the start of the week, when many applicants travel in from outside the city.',
      'Applicants have long relied on middlemen who wait outside government offices and charge to fill in forms. The new counters are meant to make that unnecessary by offering help with forms free of charge.',
      'Officials say some of the records date back several decades, and that the oldest paper files need careful handling before they can be scanned.',
    ],
    subheads: ['How to apply', 'Fewer trips, shorter queues'],
    list: {
      intro: 'Officials advise applicants to bring:',
      items: [
        'the original identity document and one copy',
        'two recent photographs on a plain background',
        'the appointment number sent by text message',
        'the receipt for the fee, paid at an approved bank branch',
      ],
    },
    closers: [
      'The office said it would extend the changes to provincial branches once the system had run for three months.',
      'Applicants with questions can call the information line during office hours, officials said, and should not pay anyone outside the building for help.',
    ],
  },
  markets: {
    section: 'economy',
    beat: 'ahmad-shoaib-rahyab',
    tags: ['Markets', 'Prices', 'Agriculture'],
    backgrounds: [
      'Prices in {city}’s wholesale markets usually rise in late autumn, when traders buy in stock for the winter and fresh produce from warmer provinces becomes scarcer.',
      'Shopkeepers say customers pay closer attention to the prices of flour and cooking oil than to anything else, because those two items take the largest share of a family’s weekly shopping.',
      'The exchange rate has been relatively steady in recent weeks, which traders say has kept the prices of imported goods from swinging as sharply as they did last year.',
      'Economists note that households spend a large share of their income on food, so even small changes in the price of staples are felt quickly at home.',
    ],
    subheads: ['What a basket costs', 'Why prices move'],
    list: {
      intro: 'Traders say shoppers watch these prices most closely:',
      items: [
        'flour, bought by the sack for the winter',
        'cooking oil',
        'rice, in several grades',
        'onions, potatoes and tomatoes',
      ],
    },
    closers: [
      'Traders expect prices to hold steady until the first heavy snow closes some of the mountain roads, when supplies usually slow.',
      'The traders’ union said it would keep a close eye on prices through the winter and publish what it finds.',
    ],
  },
  exports: {
    section: 'economy',
    beat: 'ahmad-shoaib-rahyab',
    tags: ['Exports', 'Agriculture', 'Trade'],
    backgrounds: [
      'Farmers say better packing has made the biggest difference. Fruit that once travelled loose in the back of a truck now goes in ventilated crates, and less of it arrives damaged.',
      'Cold storage remains scarce. Most of the country’s capacity is concentrated around a few cities, leaving growers elsewhere to sell quickly at harvest, when prices are lowest.',
      'Saffron, pomegranates, raisins, almonds and pine nuts are among the products that buyers abroad know best, and exporters say quality certificates have become as important as price.',
      'Small producers often sell to middlemen because they cannot supply the volumes that exporters need. Several cooperatives around {city} have begun pooling their harvests to sell directly.',
    ],
    subheads: ['From orchard to buyer', 'The cost of cold storage'],
    list: {
      intro: 'Exporters said buyers ask most often about:',
      items: [
        'consistent grading and sizing',
        'packaging that survives long journeys',
        'certificates showing where the produce was grown',
        'reliable delivery dates',
      ],
    },
    closers: [
      'Exporters said the real test would come in the spring, when contracts for the new season are signed.',
      'The growers’ association plans a second fair after the next harvest, with buyers invited from neighbouring countries.',
    ],
  },
  water: {
    section: 'society',
    beat: 'mariam-hakimi',
    tags: ['Water', 'Agriculture', 'Climate'],
    backgrounds: [
      'Much of the region depends on groundwater, and hydrologists have warned for years that wells are being drilled faster than the aquifers can refill. In some places the water table has dropped by several metres in a decade.',
      'Households without a mains connection buy water from tanker trucks or carry it from public taps. Families in hillside districts say water can take a noticeable share of their income in the summer months.',
      'Engineers say repairing leaks in existing pipes is often cheaper than finding new sources. In older parts of a network, a large share of the water pumped can be lost before it reaches a tap.',
      'Snow in the mountains feeds the rivers that farmers rely on in spring and summer. A dry winter means less water for the fields months later, which is why the snowpack is watched so closely.',
    ],
    subheads: ['Where the water comes from', 'Sharing a scarce supply'],
    list: {
      intro: 'Water officials ask residents to:',
      items: [
        'report leaking pipes and taps to the district office',
        'store drinking water in clean, covered containers',
        'water gardens in the early morning or the evening',
        'not drill private wells without a permit',
      ],
    },
    closers: [
      'Officials said they would publish a map of the work once the first phase is complete.',
      'Engineers plan to measure the water table again in the spring to see whether the changes have made a difference.',
    ],
  },
  roads: {
    section: 'society',
    beat: 'mariam-hakimi',
    tags: ['Roads', 'Transport', 'Winter'],
    backgrounds: [
      'Road crews work in short seasons. Asphalt can only be laid in dry, mild weather, so much of the paving is squeezed into the months between the spring rains and the first frost.',
      'Drivers on the main routes say journey times have fallen noticeably where roads have been resurfaced, and that minibus fares have come down slightly as a result.',
      'Mountain passes are cleared of snow by crews who work in shifts through the winter. The public works department keeps graders and salt at depots along the busiest routes.',
      'Traffic police in {city} say congestion peaks in the hour before schools open and again in the late afternoon, and have asked drivers not to park along the main roads at those times.',
    ],
    subheads: ['Before the frost', 'Advice for drivers'],
    list: {
      intro: 'Travellers are advised to:',
      items: [
        'check the road conditions line before setting off',
        'carry chains and warm clothing in winter',
        'fill the tank before the mountain sections',
        'avoid driving over the passes after dark',
      ],
    },
    closers: [
      'The remaining work is scheduled to be finished before winter, the department said, unless the weather turns early.',
      'The department publishes road conditions each morning and asked drivers to check them before long journeys.',
    ],
  },
  weather: {
    section: 'society',
    beat: 'laila-noorzad',
    tags: ['Weather', 'Winter', 'Climate'],
    backgrounds: [
      'Nights in the highlands can fall well below freezing from December, while the days often stay bright and dry.',
      'Rain and snow in the winter months matter far beyond the cities: most farms depend on the snowmelt that fills rivers and irrigation channels in spring.',
      'The meteorology department runs a network of weather stations, some of them decades old. Several have been replaced with automatic stations that send readings every hour.',
      'Smoke from coal and wood stoves adds to the haze over {city} on still winter days. Health workers advise people with breathing problems to stay indoors when the air is worst.',
    ],
    subheads: ['The week ahead', 'Staying warm and safe'],
    list: {
      intro: 'Forecasters recommend that households:',
      items: [
        'keep a window slightly open when a stove is burning',
        'store fuel somewhere dry',
        'check on elderly neighbours during cold spells',
        'follow the daily forecast on the radio or online',
      ],
    },
    closers: [
      'The department will issue its next long-range outlook at the end of the month.',
      'Forecasters said they would update the outlook daily while the cold spell lasts.',
    ],
  },
  health: {
    section: 'society',
    beat: 'laila-noorzad',
    tags: ['Health', 'Public services'],
    backgrounds: [
      'Clinics see the most patients in the morning, when mothers bring children for check-ups and vaccinations, and staff say the corridors used to fill long before the doors opened.',
      'Many families live more than an hour’s walk from the nearest clinic. Health workers who travel to villages on fixed days help reach those who cannot make the journey.',
      'Midwives trained over the past decade now work in clinics across the provinces, and health officials credit them with more births taking place with a trained attendant present.',
      'Clinics rely on regular deliveries of medicines and vaccines, which must be kept cold. That is hardest in places without a steady electricity supply.',
    ],
    subheads: ['Care closer to home', 'Staff and supplies'],
    list: {
      intro: 'The clinics offer, free of charge:',
      items: [
        'check-ups for pregnant women and newborns',
        'routine vaccinations for children',
        'advice on nutrition for young families',
        'referrals to the provincial hospital',
      ],
    },
    closers: [
      'Health officials said they would review the pilot after six months and decide whether to extend it to other districts.',
      'The clinics are open six days a week, from eight in the morning until four in the afternoon.',
    ],
  },
}
