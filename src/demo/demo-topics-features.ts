// Background, subheadings, lists and closing lines for the Education, Sport, Culture and Technology
// beats.
import type { FeatureTopicKey, Topic } from './demo-topics.ts'

export const FEATURE_TOPICS: Record<FeatureTopicKey, Topic> = {
  schools: {
    section: 'education',
    beat: 'laila-noorzad',
    tags: ['Schools', 'Teachers', 'Books'],
    backgrounds: [
      'Teachers say the most common shortage is not buildings but books: in many classes three or four pupils share a single textbook.',
      'Many schools run in two shifts, with one group of pupils in the morning and another in the afternoon, so that the same classrooms can serve more children.',
      'Heating classrooms is a winter-long worry. Schools in colder districts close for a long winter break and make up the time with longer terms in spring and summer.',
      'Parents’ councils, set up in many schools over the past decade, help with repairs, raise small sums for supplies and keep an eye on attendance.',
    ],
    subheads: ['In the classroom', 'What parents can do'],
    list: {
      intro: 'The materials include:',
      items: [
        'picture books for the first grades',
        'short novels and stories in Dari and Pashto',
        'an atlas and a children’s encyclopaedia',
        'a notebook for each pupil to record what they read',
      ],
    },
    closers: [
      'The education department said it hoped to extend the scheme to more schools in the new school year.',
      'Teachers said they would share what works at a meeting of district schools at the end of the term.',
    ],
  },
  universities: {
    section: 'education',
    beat: 'laila-noorzad',
    tags: ['Universities', 'Teachers'],
    backgrounds: [
      'Each year tens of thousands of school leavers sit the national entrance exam, which decides both whether they get a place and which faculty they are offered.',
      'University libraries have been slowly digitising their catalogues, and lecturers say students now arrive knowing exactly which books they need.',
      'Lecturers say laboratories are well used but under-equipped, and that students often share a single microscope or computer between several of them.',
      'Graduates in engineering, agriculture and medicine are most in demand, according to a survey of employers in {city}, while many others take work outside their field of study.',
    ],
    subheads: ['On campus', 'After graduation'],
    list: {
      intro: 'The university also offers:',
      items: [
        'evening classes for working students',
        'a mentoring scheme with recent graduates',
        'English and computer skills courses',
        'a careers day each semester',
      ],
    },
    closers: [
      'Registration for the new semester opens next month, the university said.',
      'The faculty plans to publish the results of its graduate survey in the spring.',
    ],
  },
  cricket: {
    section: 'sport',
    beat: 'farhad-samimi',
    tags: ['Cricket', 'Youth sport'],
    backgrounds: [
      'Cricket has spread quickly from a handful of clubs to schools and open ground across the country, and a tape-ball game can be found on almost any flat patch of land at the weekend.',
      'Provincial academies now hold trials twice a year, and coaches say the standard of young fast bowlers in particular has risen sharply.',
      'Turf pitches remain scarce. Most young players learn on matting laid over concrete, which coaches say rewards bowlers who hit the seam.',
      'The domestic season is short, squeezed between the summer heat and the cold of late autumn, so teams often play several matches a week.',
    ],
    subheads: ['On the field', 'The next generation'],
    list: {
      intro: 'The winter programme covers:',
      items: [
        'indoor net sessions three times a week',
        'fitness work with a physiotherapist',
        'video sessions on technique',
        'classes on the laws of the game for young umpires',
      ],
    },
    closers: [
      'The next round of matches is scheduled for the weekend, weather permitting.',
      'Selectors will name the squad for the regional tournament at the end of the month.',
    ],
  },
  football: {
    section: 'sport',
    beat: 'farhad-samimi',
    tags: ['Football', 'Youth sport'],
    backgrounds: [
      'Football remains the most widely played sport in the cities, from organised leagues to evening games in dusty school yards.',
      'Clubs say the lack of grass pitches is the main obstacle. Many teams train on artificial turf that is booked from early morning until late at night.',
      'Futsal has grown fast in recent years, with indoor halls opening in several cities, and coaches say the small-sided game sharpens young players’ close control.',
      'Youth leagues depend on volunteers who coach, referee and drive players to matches, often paying for equipment out of their own pockets.',
    ],
    subheads: ['Match day', 'At the grassroots'],
    list: {
      intro: 'The league’s rules for youth matches now include:',
      items: [
        'equal playing time for every squad member',
        'shorter halves for the under-12s',
        'a trained first-aider at every ground',
        'no league tables below under-14 level',
      ],
    },
    closers: [
      'The league’s winter round begins next month.',
      'Organisers said they hoped to add a division for younger players next season.',
    ],
  },
  'local-sport': {
    section: 'sport',
    beat: 'farhad-samimi',
    tags: ['Traditional sport', 'Youth sport'],
    backgrounds: [
      'Buzkashi is played on horseback across the northern provinces in the cold months, when the ground is firm and the horses are rested after the harvest.',
      'Traditional wrestling draws large crowds, and the best wrestlers become well known in their districts long before they win a title.',
      'Organisers say the events are as much about community as competition, with elders, families and children gathering at the edge of the field.',
      'Young competitors train with older ones for years before they are allowed to take part in the biggest events.',
    ],
    subheads: ['A winter tradition', 'Learning from the elders'],
    list: {
      intro: 'Organisers ask spectators to:',
      items: [
        'stay behind the marked line at the edge of the field',
        'keep children close at all times',
        'leave the parking area clear for the horse trailers',
      ],
    },
    closers: [
      'Further events are planned every week until the end of the season.',
      'Organisers said the next meeting would be announced at the end of the month.',
    ],
  },
  arts: {
    section: 'culture',
    beat: 'nargis-azadzoy',
    tags: ['Poetry', 'Books', 'Calligraphy'],
    backgrounds: [
      'Poetry readings remain among the best-attended cultural events in the cities, with audiences that span several generations.',
      'The classical poets are still learned by heart in many homes, and a line of verse is as likely to be quoted at a wedding as in a classroom.',
      'Bookshops in the old city say sales of poetry collections and history books hold up well, while textbooks and language guides sell most of all.',
      'Young writers increasingly share their work online first, and publishers say a strong following can persuade them to risk a print run.',
    ],
    subheads: ['Words that last', 'A new audience'],
    list: {
      intro: 'Organisers recommend, for readers new to the classics:',
      items: [
        'a selection of ghazals with notes on difficult words',
        'a collection of short modern stories',
        'an illustrated history of the old cities',
      ],
    },
    closers: [
      'The organisers plan to hold similar evenings once a month through the winter.',
      'The next gathering will take place at the end of the month, and entry is free.',
    ],
  },
  heritage: {
    section: 'culture',
    beat: 'nargis-azadzoy',
    tags: ['Heritage', 'Tourism'],
    backgrounds: [
      'Restoration work in the old cities relies on craftsmen who still know traditional techniques, from mud-brick walls to carved wooden screens.',
      'Carpet weaving is still a family trade in many villages, where a single large rug can take several months to finish.',
      'Museum staff have spent years cataloguing their collections, photographing each object and recording where it came from.',
      'Domestic visitors now make up most of the people who travel to historic sites, often on family outings during the holidays.',
    ],
    subheads: ['Craft and patience', 'Keeping the record'],
    list: {
      intro: 'Visitors are asked to:',
      items: [
        'keep to the marked paths around historic walls',
        'not touch carvings or painted surfaces',
        'take their litter home',
      ],
    },
    closers: [
      'The work is expected to continue through the next two seasons.',
      'Those involved said they hoped to show the results to the public in the spring.',
    ],
  },
  connectivity: {
    section: 'technology',
    beat: 'ahmad-shoaib-rahyab',
    tags: ['Technology', 'Mobile money'],
    backgrounds: [
      'Mobile phones have become the main way most people go online, and operators say data use has roughly doubled in the past three years.',
      'Mobile money lets users send and receive small payments by text message, without a bank account, and is used most for paying bills and sending money to family.',
      'Coverage is strongest along the main highways and in the cities, while mountain villages often rely on a single tower or none at all.',
      'Small software firms in {city} build payment, delivery and booking apps, mostly for local customers, and many of their developers are self-taught.',
    ],
    subheads: ['How it works', 'What comes next'],
    list: {
      intro: 'Customers can already use their phones to:',
      items: [
        'pay electricity and water bills',
        'send money to relatives in other provinces',
        'top up a phone',
        'book appointments at some clinics',
      ],
    },
    closers: [
      'Operators said they expected the number of users to keep growing through the coming year.',
      'The companies plan to add more services in the spring.',
    ],
  },
  energy: {
    section: 'technology',
    beat: 'ahmad-shoaib-rahyab',
    tags: ['Energy', 'Technology', 'Winter'],
    backgrounds: [
      'Much of the country’s electricity is imported over long transmission lines, and supply can fall short in winter, when demand peaks.',
      'Rooftop solar panels have become a common sight, and shopkeepers say the price of a small home system has fallen noticeably in recent years.',
      'Small hydropower plants built on mountain streams supply many villages, though they produce less in winter, when streams freeze and the flow slows.',
      'Engineers say batteries are now the most expensive part of a home solar system, and that poor-quality batteries are the most common reason systems fail.',
    ],
    subheads: ['Power for the winter', 'Panels and batteries'],
    list: {
      intro: 'Engineers advise households buying a solar system to:',
      items: [
        'buy the battery from a seller who offers a warranty',
        'keep panels clean and free of snow',
        'use low-energy bulbs and appliances',
      ],
    },
    closers: [
      'Engineers said they would check the system again after the first month of winter.',
      'Sellers expect demand to rise again before the coldest months.',
    ],
  },
}
