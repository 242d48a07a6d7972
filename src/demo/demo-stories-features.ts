// Demo stories for Education, Sport, Culture and Technology. Written for Dateline: every place is
// real, every person, club and event is invented.
import type { StorySpec } from './demo-topics.ts'

export const FEATURE_STORIES: readonly StorySpec[] = [
  {
    topic: 'schools',
    place: 'KABUL',
    headline: 'Reading corners arrive in 30 primary schools',
    dek: 'Each corner holds about 200 books in Dari and Pashto, chosen by teachers.',
    lede: 'Thirty primary schools in Kabul have received reading corners of about 200 books each, chosen by teachers and supplied by a local publishers’ association, in a programme that aims to give pupils something to read beyond their textbooks.',
    quote: [
      'Roya Akbari, a third-grade teacher',
      'On the first day the children just looked at the covers. By the end of the week they were arguing about who could take which book home',
    ],
  },
  {
    topic: 'schools',
    place: 'MAZAR-I-SHARIF',
    headline: 'Northern schools send pupils home with workbooks for the winter break',
    dek: 'A page a day is meant to keep reading and arithmetic going until spring.',
    lede: 'Schools in Mazar-i-Sharif and the surrounding districts are preparing for the long winter break by sending pupils home with workbooks, so that they keep reading and practising arithmetic until classes resume in spring.',
    quote: [
      'Khalida Jawadi, who teaches mathematics at a secondary school',
      'Three months is a long time for a child. A workbook with one page a day keeps the habit alive',
    ],
  },
  {
    topic: 'schools',
    place: 'KABUL',
    headline: 'Primary teachers learn a new way to teach reading',
    dek: 'The course links sounds to letters in the first two grades.',
    lede: 'About 400 primary school teachers in Kabul have completed a two-week course in teaching children to read by linking sounds to letters, a method that education officials hope will help more pupils read fluently by the end of the second grade.',
    quote: [
      'Mursal Daneshyar, who has taught the first grade for nine years',
      'I used to ask the children to repeat whole words after me. Now they build the words themselves, sound by sound, and they are proud when they can do it',
    ],
  },
  {
    topic: 'universities',
    place: '',
    headline: 'Entrance exam results to be published online this year',
    dek: 'Candidates will be able to check their scores and faculty placements with their exam number.',
    lede: 'Results of the national university entrance exam will be published online for the first time this year, education officials said, so that candidates in the provinces no longer have to wait for printed lists to reach their schools.',
    quote: [
      'Sahar Mohseni, a school leaver from Parwan province who sat the exam',
      'Last year my brother waited nearly a week for the list to arrive. I will check my result on my phone the moment it is published',
    ],
  },
  {
    topic: 'universities',
    place: 'KABUL',
    headline: 'University library puts its catalogue online',
    dek: 'Students can now search more than 80,000 titles before crossing the city.',
    lede: 'The central library of a public university in Kabul has put its catalogue of more than 80,000 titles online, so that students can find out whether a book is on the shelves before making the journey across the city.',
    quote: [
      'Habib Sultani, a final-year engineering student',
      'I once crossed the city twice for the same book. Now I check first, and I go only when it is there',
    ],
  },
  {
    topic: 'universities',
    place: 'HERAT',
    headline: 'Herat university starts evening classes for working students',
    dek: 'The courses in economics and computer science run from five until eight.',
    lede: 'A university in Herat has started evening classes in economics and computer science for students who work during the day, with about 300 enrolled in the first semester, the faculty said.',
    quote: [
      'Yama Samadi, who works at a bank and studies in the evenings',
      'I finish work at four, eat something, and I am in class at five. It is a long day, but it was the only way I could study',
    ],
  },
  {
    topic: 'cricket',
    place: 'JALALABAD',
    headline: 'Young fast bowlers impress at Jalalabad academy trials',
    dek: 'Coaches offered places to 24 of the more than 600 players who attended.',
    lede: 'More than 600 young cricketers turned out for trials at a cricket academy in Jalalabad this week, and coaches said they were struck by the number of promising fast bowlers among them. Twenty-four were offered places.',
    quote: [
      'Zubair Rahimi, the academy’s head coach',
      'Ten years ago we looked for one good fast bowler at a trial. This time we had to choose between a dozen',
    ],
  },
  {
    topic: 'cricket',
    place: 'KABUL',
    headline: 'Karte Parwan win provincial one-day final by four wickets',
    dek: 'The chase against Deh Sabz was completed with two overs to spare.',
    lede: 'Karte Parwan Cricket Club won the provincial one-day final by four wickets against Deh Sabz, completing their chase with two overs to spare in front of a large crowd of families and schoolchildren.',
    quote: [
      'Wais Ahmadi, the Karte Parwan captain',
      'We lost two early wickets and everyone was quiet in the dressing room. Then our young batsmen stayed calm and took it over by over',
    ],
  },
  {
    topic: 'cricket',
    place: 'KABUL',
    headline: 'Cricket academy opens indoor nets for winter training',
    dek: 'Players will train through the cold months with a physiotherapist and video sessions.',
    lede: 'A cricket academy in Kabul has opened indoor nets so that its young players can train through the winter, when the cold and the short days make outdoor practice difficult.',
    quote: [
      'Shafiq Azizi, the academy’s fitness coach',
      'In the past our players lost three months every winter. Now they come back in spring fitter than they left',
    ],
  },
  {
    topic: 'cricket',
    place: 'KABUL',
    headline: 'Draw made for the winter indoor cricket tournament',
    dek: 'Sixteen club sides will play in four groups over three weekends.',
    lede: 'Sixteen club sides from Kabul and the surrounding provinces learned their opponents for the winter indoor cricket tournament, which will be played in four groups over three weekends.',
    quote: [
      'Omid Faqiri, one of the tournament organisers',
      'Indoor cricket is fast and every ball counts. The clubs asked for a winter competition, and now they have one',
    ],
    state: 'future',
  },
  {
    topic: 'football',
    place: 'KABUL',
    headline: 'Youth league adopts equal playing time rule',
    dek: 'Every squad member must play at least half of each match in the under-12 division.',
    lede: 'A youth football league in Kabul has adopted a rule that every player in an under-12 squad must play at least half of each match, a change its organisers say will keep more children in the game.',
    quote: [
      'Masood Hakimzada, who coaches an under-12 team',
      'A boy who sits on the bench every week stops coming. A boy who plays comes back with his brother',
    ],
  },
  {
    topic: 'football',
    place: 'HERAT',
    headline: 'Herat futsal hall is booked from early morning to midnight',
    dek: 'The city’s newest indoor pitch is full seven days a week.',
    lede: 'A futsal hall that opened in Herat this autumn is booked from six in the morning until midnight, seven days a week, its managers said, as the small-sided indoor game continues to grow in popularity across the city.',
    quote: [
      'Farid Ayoubi, one of the hall’s managers',
      'We thought the evenings would be busy. We did not expect teams of office workers to play at six in the morning before work',
    ],
  },
  {
    topic: 'local-sport',
    place: 'MAZAR-I-SHARIF',
    headline: 'Buzkashi season opens on the plains outside Mazar-i-Sharif',
    dek: 'Riders and horses from several northern provinces took part in the first match of the winter.',
    lede: 'The buzkashi season opened on the plains outside Mazar-i-Sharif with a match between riders from several northern provinces, watched by a crowd that lined the edge of the field from early morning.',
    quote: [
      'Rustam Qaisari, who has trained horses for the game for 30 years',
      'A good horse needs years of training and a good rider needs more. Today both of them were ready',
    ],
  },
  {
    topic: 'local-sport',
    place: 'KABUL',
    headline: 'Friday wrestling bouts draw crowds back to a city park',
    dek: 'Wrestlers from across the capital compete in the traditional style before hundreds of spectators.',
    lede: 'Traditional wrestling bouts have returned to a park in central Kabul on Friday mornings, drawing hundreds of spectators who form a wide circle around the wrestlers and cheer every throw.',
    quote: [
      'Jalil Nabizada, a wrestler who has competed in the park since he was a teenager',
      'My father wrestled here, and his father before him. When the circle is full of people, you forget the cold',
    ],
  },
  {
    topic: 'arts',
    place: 'KABUL',
    headline: 'Poetry evening fills an old city teahouse',
    dek: 'Poets of three generations read classical and new work to a packed room.',
    lede: 'Poets of three generations read their work to a packed teahouse in Kabul’s old city this week, in an evening of classical ghazals and new verse that ran well past its planned end.',
    quote: [
      'Hakim Sarwari, a retired teacher who has attended readings for 40 years',
      'The young poets write about phones and traffic, the old ones about gardens and journeys. Somehow it all sounds like the same language',
    ],
  },
  {
    topic: 'arts',
    place: 'HERAT',
    headline: 'Herat calligraphers pass their craft to a new generation',
    dek: 'A workshop in the old city teaches the slow art of reed pens and ink.',
    lede: 'In a workshop near Herat’s old citadel, a master calligrapher is teaching about a dozen students to cut reed pens, mix ink and practise the same letters for months before they are allowed to write a full line.',
    quote: [
      'Mahboob Zarin, the calligrapher who leads the workshop',
      'The students are always in a hurry to write whole poems. First they must learn patience, and the letter alif teaches that better than I can',
    ],
  },
  {
    topic: 'arts',
    place: '',
    headline: 'Bookshops report steady demand for poetry and history',
    dek: 'Classic collections sell alongside textbooks and language guides, sellers say.',
    lede: 'Bookshop owners in several cities say poetry collections and history books are selling steadily this year, alongside the textbooks and language guides that make up most of their trade.',
    quote: [
      'Naqibullah Ferozi, who runs a bookshop near a university',
      'Students come for a textbook and leave with a book of poems as well. I keep the poetry shelf next to the counter for that reason',
    ],
  },
  {
    topic: 'heritage',
    place: 'BAMYAN',
    headline: 'Families return to Bamyan’s historic sites on autumn trips',
    dek: 'Guesthouse owners report their busiest autumn in several years, mostly with visitors from home.',
    lede: 'Families from Kabul and other cities are travelling to Bamyan to visit its historic sites and lakes, and guesthouse owners say this autumn has been their busiest in several years, with almost all of their guests coming from within the country.',
    quote: [
      'Zahra Hosseini, who runs a guesthouse near the bazaar',
      'Most of our guests are families who have never seen the valley. They come for two days and ask to stay for four',
    ],
  },
  {
    topic: 'heritage',
    place: 'HERAT',
    headline: 'Restorers repair carved window screens in Herat’s old city',
    dek: 'Craftsmen use traditional joints and hand tools on a row of historic houses.',
    lede: 'Craftsmen in Herat have begun repairing the carved wooden window screens of a row of historic houses in the old city, using the same joints and hand tools their makers would have used more than a century ago.',
    quote: [
      'Rahim Naqshbandi, a carpenter leading the work',
      'We do not use a single nail. The screens were made to breathe and to move with the seasons, and that is how we repair them',
    ],
  },
  {
    topic: 'heritage',
    place: 'KABUL',
    headline: 'Museum completes the catalogue of its textile collection',
    dek: 'Every carpet, robe and embroidered cloth has been photographed and described.',
    lede: 'Staff at a museum in Kabul have finished cataloguing its collection of textiles, photographing and describing each carpet, robe and embroidered cloth and recording where it was made, after four years of work.',
    quote: [
      'Nilofar Qasimi, the museum’s textile curator',
      'Each piece tells us who made it and where, if we know how to read the patterns. The next curators will not have to start from nothing',
    ],
  },
  {
    topic: 'heritage',
    place: 'KABUL',
    headline: 'Carpet weavers’ cooperative plans a showroom in the capital',
    dek: 'Weavers from three provinces want to sell directly to buyers.',
    lede: 'A cooperative of carpet weavers from three provinces is planning a showroom in Kabul, where buyers could order rugs directly from the families who weave them.',
    quote: [
      'Gulalai Safi, who weaves with her daughters in their home',
      'A buyer who meets the weaver pays for the months of work, not just for the wool',
    ],
    state: 'draft',
  },
  {
    topic: 'connectivity',
    place: 'KABUL',
    headline: 'One in five Kabul electricity bills now paid by phone',
    dek: 'The share paid by mobile money has doubled in a year, the power utility says.',
    lede: 'About one in five electricity bills in Kabul is now paid by mobile money, the power utility said, a share that has doubled in a year as customers avoid the queues at payment offices.',
    quote: [
      'Nasima Wafa, a teacher who pays her family’s bills by phone',
      'I used to lose half a morning in the queue every month. Now I pay on my phone while the kettle boils',
    ],
  },
  {
    topic: 'connectivity',
    place: '',
    headline: 'Small software firms find their customers close to home',
    dek: 'Developers say local delivery and booking apps are their fastest-growing business.',
    lede: 'Small software companies are finding a growing market at home, building delivery, booking and payment apps for local shops and clinics, according to developers in Kabul, Herat and Mazar-i-Sharif.',
    quote: [
      'Elham Mirzaei, who founded a four-person firm that builds booking apps',
      'Our first client was a clinic near my house. Now we have eleven, and every one of them came because another owner told them about us',
    ],
  },
  {
    topic: 'energy',
    place: 'BAMYAN',
    headline: 'Village hydropower plant gets a new turbine before winter',
    dek: 'The upgrade should keep the lights on through the cold months, villagers say.',
    lede: 'A village micro-hydropower plant in Bamyan province has been fitted with a new turbine ahead of the winter, which villagers hope will keep their lights on through the cold months, when the stream’s flow slows.',
    quote: [
      'Hussain Jafari, who runs the plant for the village',
      'The old turbine gave us light until about December. With this one, we hope to have light until the snow melts',
    ],
  },
  {
    topic: 'energy',
    place: 'KABUL',
    headline: 'Rooftop solar spreads across Kabul as panel prices fall',
    dek: 'Sellers say batteries, not panels, are now the costliest part of a home system.',
    lede: 'Rooftop solar panels have become a common sight across Kabul, and the shopkeepers who sell them say the price of a small home system has fallen noticeably over the past few years, putting it within reach of many more families.',
    quote: [
      'Yasin Kohistani, who sells solar equipment in the city centre',
      'Customers used to ask how many panels they needed. Now they ask which battery will last. That is the right question',
    ],
  },
]
