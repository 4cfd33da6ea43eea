// What the generated conversations say: an online shop's support topics, each with the reasons an AI service gives
// when it hands over (by trigger) and the lines customers, the AI and agents write. Placeholders: {first} (the
// customer's first name), {agent} (the agent's first name), {order} (an order number), {amount}, {day}.
import type { Trigger } from '../../domain/handover.ts';

export interface Topic {
  /** How common the topic is among handovers. */
  weight: number;
  /** How much longer than usual it takes an agent to resolve. */
  effort: number;
  /** The handover's reason by trigger, each with its weight. */
  reasons: Partial<Record<Trigger, readonly (readonly [string, number])[]>>;
  opening: readonly string[];
  aiAnswers: readonly string[];
  customerDetails: readonly string[];
  agentAnswers: readonly string[];
  endNotes: readonly string[];
}

export const topics: readonly Topic[] = [
  {
    weight: 24,
    effort: 1.1,
    reasons: {
      user_request: [['Customer asks for a refund', 10], ['Customer wants to speak to a person about a refund', 4]],
      ai_escalation: [['Refund outside the 30-day policy', 5], ['AI could not find the refund status', 4]],
      keyword: [['Keyword: chargeback', 3]],
      sentiment: [['Customer upset about a refund delay', 4]],
    },
    opening: ['Hi, I returned order #{order} two weeks ago and still have no refund', 'I want my money back for order #{order}', 'Where is my refund of {amount}?'],
    aiAnswers: ['Refunds are issued within 5 business days of the return arriving at our warehouse.', 'I can see a return for order #{order}. Let me check its refund status.', 'I am sorry for the wait. Refunds usually reach your card within a week.'],
    customerDetails: ['The tracking says it was delivered to you on {day}', 'I paid by credit card', 'It has been more than ten days now', 'The amount was {amount}'],
    agentAnswers: ['I have checked order #{order}: the return arrived on {day} and the refund was not triggered. I have issued it now.', 'The refund of {amount} is on its way; your bank may take 3 to 5 days to show it.', 'I have escalated this to our payments team and added a note to your order.', 'You will get a confirmation email within the hour.'],
    endNotes: ['Refund issued manually', 'Refund delayed by the bank', 'Escalated to payments'],
  },
  {
    weight: 22,
    effort: 0.9,
    reasons: {
      user_request: [['Parcel never arrived', 10], ['Customer asks for a person about a late delivery', 3]],
      ai_escalation: [['AI could not track the parcel', 6], ['Carrier shows delivered, customer says not', 5]],
      sentiment: [['Customer angry about a late delivery', 5]],
    },
    opening: ['My order #{order} has not arrived yet', 'The tracking for #{order} has not moved since {day}', 'The parcel says delivered but there is nothing here'],
    aiAnswers: ['Your parcel for order #{order} is with the carrier. Deliveries take 3 to 5 business days.', 'Sometimes the carrier marks a parcel delivered a day early. Could you check with your neighbours?', 'I can see the shipment but not where it is now.'],
    customerDetails: ['I checked with the neighbours already', 'I need it before the weekend', 'It was a birthday present', 'The address is correct'],
    agentAnswers: ['I have opened an investigation with the carrier for #{order}.', 'I am sending a replacement today by express delivery, at no cost.', 'The carrier confirms it is at the local depot; it will be delivered tomorrow.', 'I have refunded the shipping cost of your order.'],
    endNotes: ['Replacement sent by express', 'Carrier investigation opened', 'Shipping refunded'],
  },
  {
    weight: 14,
    effort: 0.8,
    reasons: {
      user_request: [['Cannot log in to the account', 6]],
      ai_escalation: [['Password reset email not received', 6], ['Account locked after failed sign-ins', 4]],
      keyword: [['Keyword: hacked', 2]],
    },
    opening: ['I cannot log in to my account', 'The password reset email never comes', 'My account says it is locked'],
    aiAnswers: ['You can reset your password from the sign-in page with "Forgot password".', 'The reset email can take a few minutes. Please check your spam folder.', 'For your security I cannot unlock accounts myself.'],
    customerDetails: ['I tried three times already', 'Nothing in spam either', 'I think someone else changed my email address', 'I use the same email as always'],
    agentAnswers: ['I have verified your identity and unlocked the account.', 'Your email address had a typo; I have corrected it and sent a new reset link.', 'I have signed out every session and reset your password; please set a new one now.', 'You should be able to sign in now. Can you try?'],
    endNotes: ['Account unlocked', 'Email address corrected', 'Security reset done'],
  },
  {
    weight: 12,
    effort: 1.3,
    reasons: {
      user_request: [['Wants to cancel the subscription', 7]],
      ai_escalation: [['Cancellation with a partial refund', 4]],
      keyword: [['Keyword: cancel', 6]],
      sentiment: [['Customer frustrated with the subscription', 3]],
    },
    opening: ['I want to cancel my subscription', 'How do I stop the monthly payments?', 'I was charged again after I cancelled'],
    aiAnswers: ['You can cancel any time under Account > Subscription.', 'I can see an active subscription renewed on {day}.', 'I am sorry to hear that. Could you tell me why you would like to cancel?'],
    customerDetails: ['It is too expensive for me now', 'I did cancel, but I was charged {amount} anyway', 'I would like a refund for this month', 'The button does not work on my phone'],
    agentAnswers: ['I have cancelled your subscription; you will not be charged again.', 'I have refunded the last charge of {amount}.', 'I can offer you three months at half price if you would like to stay.', 'Your plan stays active until the end of the paid period.'],
    endNotes: ['Cancelled, last charge refunded', 'Retention offer accepted', 'Cancelled at period end'],
  },
  {
    weight: 10,
    effort: 1.0,
    reasons: {
      user_request: [['Invoice address wrong', 4], ['Needs an invoice with the VAT number', 4]],
      ai_escalation: [['Payment failed twice', 6], ['Charged twice for one order', 5]],
      keyword: [['Keyword: fraud', 2]],
    },
    opening: ['My payment failed twice', 'I was charged twice for order #{order}', 'I need an invoice with our company VAT number'],
    aiAnswers: ['Payments can fail when the bank asks for an extra confirmation.', 'I can see one payment of {amount} for order #{order}.', 'Invoices can be downloaded from your order page.'],
    customerDetails: ['My bank says the money left my account twice', 'Our VAT number is on the order', 'I tried two different cards', 'The invoice shows my old address'],
    agentAnswers: ['The second charge was a pre-authorisation; it is released in 3 days.', 'I have refunded the duplicate charge of {amount}.', 'Here is a corrected invoice with your VAT number; I have emailed it too.', 'The order went through on the second try; you do not need to pay again.'],
    endNotes: ['Duplicate charge refunded', 'Invoice corrected', 'Pre-authorisation explained'],
  },
  {
    weight: 9,
    effort: 1.2,
    reasons: {
      user_request: [['Item arrived damaged', 6]],
      ai_escalation: [['Warranty claim for a used item', 4]],
      sentiment: [['Customer upset about a damaged item', 5]],
      other: [['Order over 1,000 needs approval', 2]],
    },
    opening: ['The item from order #{order} arrived broken', 'The box was crushed and the screen is cracked', 'My blender stopped working after a month'],
    aiAnswers: ['I am sorry it arrived damaged. Could you send a photo?', 'Items are covered by a two-year warranty.', 'I can start a return for order #{order}.'],
    customerDetails: ['I sent the photos by email', 'I would prefer a replacement', 'It was a gift and I need it quickly', 'The serial number is on the receipt'],
    agentAnswers: ['Thanks for the photos. I am sending a replacement today.', 'I have arranged a free pickup for {day}.', 'The warranty covers this; a new one is on its way.', 'I have added a voucher of {amount} for the trouble.'],
    endNotes: ['Replacement sent', 'Pickup arranged', 'Voucher added'],
  },
  {
    weight: 6,
    effort: 0.7,
    reasons: {
      user_request: [['Change the delivery address', 4]],
      ai_escalation: [['Order already shipped, address change needed', 4]],
      other: [['Large business order', 2]],
    },
    opening: ['Can I change the delivery address for #{order}?', 'I moved last week and the order is going to my old address', 'I need to add an item to my order'],
    aiAnswers: ['Addresses can be changed until the order ships.', 'Order #{order} has already shipped, so I cannot change it myself.', 'I can see your order but not change it.'],
    customerDetails: ['The new address is in my profile', 'It shipped this morning', 'Can you still stop it?'],
    agentAnswers: ['I have asked the carrier to redirect the parcel to your new address.', 'The warehouse caught it in time; the address is updated.', 'I have added the item and combined the shipping.'],
    endNotes: ['Carrier redirect requested', 'Address updated before dispatch'],
  },
  {
    weight: 3,
    effort: 0.6,
    reasons: {
      user_request: [['Customer asked for a person', 6]],
      keyword: [['Keyword: lawyer', 1]],
      sentiment: [['Customer unhappy with the assistant', 4]],
      other: [['VIP customer', 3]],
    },
    opening: ['Can I talk to a human please?', 'I do not want to talk to a bot', 'This is the third time I write about this'],
    aiAnswers: ['I understand. Let me see what I can do first.', 'I can help with orders, deliveries and returns.', 'I am sorry this has been frustrating.'],
    customerDetails: ['It is about my order #{order}', 'I just want a straight answer', 'Please, a real person'],
    agentAnswers: ["Hi {first}, I'm here now. Let me look at your account.", 'I have read the conversation; here is what I can do.', 'I have sorted it out and noted it on your account.'],
    endNotes: ['Handled personally', 'Callback scheduled'],
  },
];

/** What the AI says as it hands over; what a customer says when they ask for a person. */
export const handOffLines = {
  customerAsks: ['Can I talk to a person?', 'I would like to speak to someone please', 'Human please', 'Can someone from the team help me?'],
  aiHandsOver: ['Let me bring in a colleague from the team.', 'I am passing you to a team member who can help with this.', 'One moment, I am connecting you with a person.'],
  customerWaits: ['Hello?', 'Is anyone there?', 'Still waiting', 'ok thanks'],
  agentGreets: ['Hi {first}, this is {agent}. I am looking at this now.', "Hello {first}, {agent} here. Let me check that for you.", 'Hi {first}! {agent} from the team, thanks for waiting.'],
  customerThanks: ['Thank you!', 'Great, thanks a lot', 'Perfect, that helps', 'ok', 'Thanks {agent}'],
  agentCloses: ['Is there anything else I can help with?', 'Glad I could help. Have a nice day!', 'You are welcome. Take care!'],
} as const;

/** AI-only conversations: the questions the AI answered by itself. */
export const containedExchanges: readonly (readonly [string, string])[] = [
  ['What are your opening hours?', 'Our team is here Monday to Friday, 8:00 to 18:00. I am here around the clock.'],
  ['How long does delivery take?', 'Standard delivery takes 3 to 5 business days; express takes 1 to 2.'],
  ['Where is my order #{order}?', 'Order #{order} is on its way and should arrive by {day}.'],
  ['Do you ship abroad?', 'Yes, we ship to most countries in Europe and North America.'],
  ['How do I return an item?', 'Start a return from your order page; the label is free within 30 days.'],
  ['Can I pay with PayPal?', 'Yes: PayPal, cards and bank transfer.'],
  ['Is this in stock in blue?', 'Yes, the blue one is in stock and ships today.'],
  ['How do I change my password?', 'Go to Account > Security and choose "Change password".'],
];

export const firstNames = [
  'Ana', 'Ben', 'Chloe', 'Dmitri', 'Eva', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Mateo', 'Nadia', 'Omar', 'Priya',
  'Quentin', 'Rosa', 'Sven', 'Tara', 'Umar', 'Vera', 'Wei', 'Ximena', 'Yusuf', 'Zoe', 'Aiko', 'Bruno', 'Camille', 'Diego', 'Elif', 'Finn',
];
export const lastNames = [
  'Lopez', 'Carter', 'Nguyen', 'Okafor', 'Schmidt', 'Tanaka', 'Rossi', 'Haddad', 'Kowalski', 'Silva', 'Berg', 'Moreau', 'Novak', 'Ahmed',
  'Jensen', 'Costa', 'Murphy', 'Yilmaz', 'Dubois', 'Kim',
];
export const emailDomains = ['example.com', 'mail.test', 'inbox.test', 'post.test'];

export const ratingComments: Record<number, readonly string[]> = {
  1: ['Waited far too long', 'Nobody helped me', 'Still not solved'],
  2: ['Took too long', 'Answer was not clear'],
  3: ['OK in the end', 'Solved, but slowly'],
  4: ['Helpful, thanks', 'Quick answer'],
  5: ['Great service!', 'Super fast, thank you', 'Very friendly and helpful', 'Problem solved in minutes'],
};

/** The attributes an AI service sends with a handover. */
export const channels = ['web', 'web', 'web', 'whatsapp', 'email'] as const;
export const plans = ['free', 'basic', 'basic', 'pro', 'business'] as const;
