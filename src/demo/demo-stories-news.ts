// Demo stories for Politics, Economy and Society. Written for Dateline: every place is real, every
// person and event is invented.
import type { StorySpec } from './demo-topics.ts'

export const NEWS_STORIES: readonly StorySpec[] = [
  {
    topic: 'city',
    place: 'KABUL',
    headline: 'Kabul municipality plans to reline western drains before spring rains',
    dek: 'Crews will start with the channels that flooded side streets last year, officials say.',
    lede: 'The Kabul municipality plans to clear and reline about 40 kilometres of drainage channels in the city’s western districts before the spring rains, officials said this week, starting with the streets that flooded most often last year.',
    quote: [
      'Wahid Sharifi, an engineer in the municipality’s drainage unit',
      'We know which streets flood, because the residents call us every time. This year we want to fix them before the rain, not after it',
    ],
  },
  {
    topic: 'city',
    place: 'KABUL',
    headline: 'Street lights on school routes to be replaced first, city says',
    dek: 'A survey by district staff found about one in four lights on those routes not working.',
    lede: 'Broken street lights along the routes children take to school will be the first to be replaced under a new lighting plan, the Kabul municipality said, after a survey by district staff found that about one in four lights on those routes was not working.',
    quote: [
      'Shabnam Yousufi, a mother of three in the Karte Se neighbourhood',
      'In winter my children leave home in the dark and come back in the dark. A working light on our street would make a real difference',
    ],
  },
  {
    topic: 'city',
    place: 'KABUL',
    headline: 'Students turn city spending reports into charts for residents',
    dek: 'Plain-language summaries of the municipal budget now hang on neighbourhood notice boards.',
    lede: 'A group of university students has begun turning the Kabul municipality’s quarterly spending reports into simple charts, which they print and pin to notice boards in bakeries and shops so that residents can see where the city’s money goes.',
    quote: [
      'Tamim Nazari, an economics student who started the project',
      'The numbers were always public, but almost nobody read them. A chart on the wall of a bakery gets read by hundreds of people a day',
    ],
  },
  {
    topic: 'trade',
    place: 'MAZAR-I-SHARIF',
    headline: 'Traders ask for faster customs checks at northern crossing',
    dek: 'Fruit exporters say trucks can wait up to three days in the harvest season.',
    lede: 'Traders in Mazar-i-Sharif have asked customs officials to keep the northern border crossing open for longer during the harvest months, saying trucks loaded with fresh fruit can wait up to three days to cross.',
    quote: [
      'Abdul Qadir Rasuli, a fruit exporter',
      'Grapes do not wait. Every day a truck stands in the queue, we lose part of the load and part of the price',
    ],
  },
  {
    topic: 'trade',
    place: 'KABUL',
    headline: 'Customs forms can now be filed before trucks reach the border',
    dek: 'A new online system aims to cut the hours drivers spend waiting at the main crossings.',
    lede: 'Exporters can now submit customs declarations online before their trucks leave the warehouse, officials said, in a change meant to shorten the time drivers spend waiting at the country’s main border crossings.',
    quote: [
      'Farzana Habibi, who manages a transport company in Kabul',
      'For years our drivers carried a folder of papers and waited for each stamp. If the forms are checked before the truck arrives, half the waiting disappears',
    ],
  },
  {
    topic: 'services',
    place: 'KABUL',
    headline: 'Passport office opens second counter to shorten queues',
    dek: 'Applicants with an appointment number will be served at the new counter from eight in the morning.',
    lede: 'The passport office in Kabul has opened a second counter for applicants who booked an appointment by text message, officials said, in an effort to shorten queues that often reach the street by mid-morning. The new counter opens at eight in the morning.',
    quote: [
      'Idris Qaderi, who travelled from Logar province to renew his passport',
      'Last time I came three days in a row. This time I had a number, and I was finished before lunch',
    ],
    correction:
      'An earlier version of this story said the new counter opens at nine in the morning. It opens at eight.',
  },
  {
    topic: 'services',
    place: 'JALALABAD',
    headline: 'Civil registry begins scanning paper records in the east',
    dek: 'Digitised files will let residents request copies without travelling to the capital, officials say.',
    lede: 'The civil registry has begun scanning the paper birth and family records held in its Jalalabad office, the first step in a plan to let residents of the eastern provinces request copies of their documents without travelling to Kabul.',
    quote: [
      'Parwin Ebrahimi, a registry clerk who has worked in the office for 15 years',
      'Some of these books are older than I am. Once they are scanned, nobody will need to turn these pages again to find a name',
    ],
  },
  {
    topic: 'markets',
    place: 'KABUL',
    headline: 'Flour prices steady as traders stock up for winter',
    dek: 'Wholesalers say a good harvest in the north has kept supply ahead of demand.',
    lede: 'The price of flour in Kabul’s wholesale markets has held steady over the past month, traders said, even as shopkeepers buy in stock for the winter, helped by a good wheat harvest in the northern provinces.',
    quote: [
      'Homayoun Tahiri, a flour wholesaler in the Mandawi market',
      'Usually by now the price goes up a little every week. This year the trucks from the north keep coming, so there is no reason for it to rise',
    ],
  },
  {
    topic: 'markets',
    place: 'KABUL',
    headline: 'Shoppers buy less at a time as household budgets tighten',
    dek: 'Shopkeepers say customers choose a kilo of rice over a sack and compare prices more closely.',
    lede: 'Shopkeepers in Kabul say their customers are buying smaller amounts of staples than a year ago, choosing a kilo of rice instead of a sack and checking prices in several shops before they buy.',
    quote: [
      'Gul Ahmad Sadiqi, who runs a grocery in the Khair Khana district',
      'People still come every day, but they carry home less. Many ask for half a kilo of something they used to buy by the sack',
    ],
  },
  {
    topic: 'markets',
    place: 'JALALABAD',
    headline: 'Orange season opens in Jalalabad with lower prices for shoppers',
    dek: 'A large crop means a kilo costs less than last winter, though growers worry about their margins.',
    lede: 'The orange harvest around Jalalabad has reached the city’s markets, and a large crop has pushed prices below last winter’s, to the pleasure of shoppers and the concern of growers.',
    quote: [
      'Zarghuna Amiri, whose family grows oranges outside the city',
      'A big harvest is a blessing, but when everyone brings their oranges to market on the same day, the price falls for all of us',
    ],
  },
  {
    topic: 'markets',
    place: 'KABUL',
    headline: 'Traders’ union to publish weekly price survey through winter',
    dek: 'The survey will list prices for flour, rice, oil and vegetables in the capital’s main markets.',
    lede: 'The Kabul traders’ union will publish a survey of prices for staple foods every week through the winter, its officials said, so that shoppers can see what a fair price looks like before they buy.',
    quote: [
      'Bashir Haidari, a spokesman for the union',
      'When customers know the price in the main market, they can argue with a shopkeeper who asks too much. That is good for honest traders too',
    ],
  },
  {
    topic: 'markets',
    place: 'KABUL',
    headline: 'Dried fruit sellers stock up for the winter months',
    dek: 'Almonds, raisins and mulberries fill the shelves as families prepare for the cold.',
    lede: 'Dried fruit sellers in Kabul’s old bazaar have filled their shelves with almonds, raisins and dried mulberries, which families buy in larger amounts as the nights grow colder.',
    quote: [
      'Sharifa Momand, who has sold dried fruit in the bazaar for twenty years',
      'When the first cold night comes, the customers come with it. By then my shelves must be full',
    ],
    state: 'draft',
  },
  {
    topic: 'exports',
    place: 'HERAT',
    headline: 'Herat saffron growers find new buyers at regional fair',
    dek: 'Cooperatives say certificates of origin helped them win orders from abroad.',
    lede: 'Saffron growers from Herat province signed new supply agreements with buyers from several countries at a regional trade fair this week, according to the growers’ association, which credited its quality certificates for the orders.',
    quote: [
      'Sima Rahmani, who leads a women’s saffron cooperative',
      'We used to sell to whoever came to the village. Now the buyers ask for our certificates first, and then they ask for more',
    ],
  },
  {
    topic: 'exports',
    place: 'KANDAHAR',
    headline: 'Pomegranate growers try new crates to cut losses on long journeys',
    dek: 'Ventilated packing means less fruit arrives bruised, farmers say.',
    lede: 'Pomegranate growers around Kandahar have begun shipping their fruit in ventilated plastic crates instead of loose sacks, a change that farmers and exporters say has sharply reduced the share of fruit that arrives bruised.',
    quote: [
      'Nasrullah Hotak, who farms pomegranates in the Arghandab valley',
      'A pomegranate that arrives with a crack is sold for juice at half the price. With the crates, almost every fruit arrives whole',
    ],
  },
  {
    topic: 'exports',
    place: 'KABUL',
    headline: 'New cold store opens, but growers say space is still too scarce',
    dek: 'The warehouse outside the capital can hold about 5,000 tonnes of fruit and vegetables.',
    lede: 'A new cold storage warehouse on the outskirts of Kabul has opened to growers and exporters, adding space for about 5,000 tonnes of fruit and vegetables, though farmers say there is still far too little storage to hold back crops until prices recover.',
    quote: [
      'Khalil Waziri, an apple grower from Wardak province',
      'If we could keep our apples for three months, we could sell them for nearly twice the price. Instead we sell everything in the same two weeks as everyone else',
    ],
  },
  {
    topic: 'exports',
    place: 'KABUL',
    headline: 'Raisin exporters say grading rules have opened new markets',
    dek: 'Sorting by size and colour lets buyers order exactly what they need.',
    lede: 'Raisin exporters in Kabul say new grading rules, which sort the fruit by size, colour and moisture, have helped them sell to buyers who previously would not order without first seeing a sample.',
    quote: [
      'Freshta Karimzada, who runs a raisin-processing workshop',
      'Buyers used to ask for a sample of every shipment. Now they know what grade A means, and they order by telephone',
    ],
  },
  {
    topic: 'water',
    place: 'KABUL',
    headline: 'New pipeline to bring mains water to hillside districts',
    dek: 'About 12,000 households that now buy from tankers are due to be connected by next summer.',
    lede: 'Work has begun on a pipeline that will bring mains water to several hillside districts of Kabul, where about 12,000 households now rely on tanker trucks and public taps, the city’s water utility said.',
    quote: [
      'Fatima Zamani, who lives in one of the hillside districts',
      'We carry water up the hill every morning. If there is a tap in the yard, my daughters will have that hour for their homework',
    ],
  },
  {
    topic: 'water',
    place: 'KABUL',
    headline: 'Fixing leaks could save a third of Kabul’s water, engineers say',
    dek: 'A survey of the older network found widespread losses between the pumps and the taps.',
    lede: 'Repairing leaking pipes in the older parts of Kabul’s water network could save as much as a third of the water pumped into them, according to a survey by engineers at the city’s water utility, who say fixing leaks is cheaper than drilling new wells.',
    quote: [
      'Javed Karimi, a hydraulic engineer at the utility',
      'Every litre we lose underground has already been pumped and paid for. Finding the leaks is slow work, but it is the cheapest water we will ever have',
    ],
    correction:
      'An earlier version of this story said the survey covered the whole network. It covered only the older parts of the network.',
  },
  {
    topic: 'water',
    place: 'BAMYAN',
    headline: 'Bamyan farmers agree a written rota for irrigation water',
    dek: 'Villagers set turns on the main channel after a dry spring.',
    lede: 'Farmers in a valley near Bamyan have agreed on a written rota for sharing water from their main irrigation channel, after a dry spring left the fields at the far end of the channel with too little water for a second crop.',
    quote: [
      'Ali Reza Mohammadi, the mirab, or water master, who looks after the channel',
      'Everyone knows their day and their hour now. When the rules are written down, there is less to argue about',
    ],
  },
  {
    topic: 'roads',
    place: 'KANDAHAR',
    headline: 'Resurfacing of highway north of Kandahar finished early',
    dek: 'Drivers say the journey is shorter and minibus fares have fallen slightly.',
    lede: 'Road crews have finished resurfacing a 60-kilometre section of the highway north of Kandahar weeks ahead of schedule, the public works department said, and drivers say the journey is already noticeably quicker.',
    quote: [
      'Rahmatullah Saberi, a minibus driver who makes the trip every day',
      'Before, I drove slowly to save my tyres. Now the road is smooth and I am home two hours earlier',
    ],
  },
  {
    topic: 'roads',
    place: 'KABUL',
    headline: 'Snow crews in place at Salang depots as winter nears',
    dek: 'Graders, salt and fuel have been stored along the pass, officials say.',
    lede: 'Snow-clearing crews have moved graders, salt and fuel to depots along the Salang Pass ahead of the winter, the public works department said, so that the main route between Kabul and the north can be kept open through the heaviest snowfalls.',
    quote: [
      'Hashim Sadat, who supervises one of the crews',
      'The pass never really sleeps in winter. Our job is to make sure that when the snow falls at night, the road is open again by morning',
    ],
  },
  {
    topic: 'roads',
    place: 'KABUL',
    headline: 'New pedestrian crossings painted near markets and clinics',
    dek: 'The traffic department says it started with the busiest places for people on foot.',
    lede: 'Kabul’s traffic department has begun painting new pedestrian crossings near markets, schools and clinics, starting with the streets where it counted the most people crossing on foot.',
    quote: [
      'Marzia Hashimi, a pharmacist whose shop faces one of the new crossings',
      'Old people used to wait a long time for a gap in the traffic. Now the cars stop more often, and the crossing is always busy',
    ],
  },
  {
    topic: 'weather',
    place: '',
    headline: 'Forecasters expect a colder than usual December',
    dek: 'Snowfall in the mountains is forecast to be close to normal, good news for farmers in spring.',
    lede: 'Forecasters at the meteorology department expect December to be colder than usual across much of the country, with night temperatures in the capital falling well below freezing, though snowfall in the mountains is forecast to be close to normal.',
    quote: [
      'Nadia Hamidi, a forecaster at the department',
      'Cold, clear nights are normal for December. What matters most for the farmers is the snow in the mountains, and so far the outlook there is reasonable',
    ],
  },
  {
    topic: 'weather',
    place: 'BAMYAN',
    headline: 'First snow of the season falls on Bamyan',
    dek: 'The valley turned white overnight; the roads to the capital stayed open.',
    lede: 'The first snow of the season fell on Bamyan overnight, covering the valley and the surrounding peaks, while the roads to the capital remained open, local officials said.',
    quote: [
      'Mahdi Rezaie, who runs a guesthouse in the town',
      'The first snow brings the families from Kabul who want to see the valley in white. We have already had calls for the weekend',
    ],
  },
  {
    topic: 'health',
    place: 'KABUL',
    headline: 'Clinic appointments cut waiting times for mothers and babies',
    dek: 'A pilot in two districts lets families book a morning slot for check-ups and vaccinations.',
    lede: 'Two health clinics in Kabul have started giving families appointments for check-ups and children’s vaccinations, and staff say the change has cut the time mothers wait in crowded corridors from hours to minutes.',
    quote: [
      'Dr Soraya Azimi, who leads one of the clinics',
      'The mornings used to start with fifty people at the door. Now they come at their time, and we can spend longer with each child',
    ],
  },
  {
    topic: 'health',
    place: 'HERAT',
    headline: 'Solar refrigerators keep vaccines cold in remote clinics',
    dek: 'Health workers say the fridges have ended weekly trips to the city for ice boxes.',
    lede: 'Clinics in remote districts of Herat province have received solar-powered refrigerators for storing vaccines, ending the weekly trips that health workers made to the city to fetch ice boxes, the provincial health department said.',
    quote: [
      'Nazir Ahmad Faizi, a vaccinator who covers several villages',
      'We used to race the ice. Now the vaccines are waiting for us in the clinic, cold and ready, whatever the weather',
    ],
  },
]
