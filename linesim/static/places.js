// Places a user of AsaBot might send: the three southern border provinces' towns and the four
// Songkhla districts in the network. Coordinates are the approximate town/district centres.
export const PLACES = [
  { title: "ปัตตานี", address: "อำเภอเมืองปัตตานี จังหวัดปัตตานี", latitude: 6.8691, longitude: 101.2501 },
  { title: "ยะลา", address: "อำเภอเมืองยะลา จังหวัดยะลา", latitude: 6.5411, longitude: 101.2804 },
  { title: "นราธิวาส", address: "อำเภอเมืองนราธิวาส จังหวัดนราธิวาส", latitude: 6.4255, longitude: 101.8253 },
  { title: "จะนะ", address: "อำเภอจะนะ จังหวัดสงขลา", latitude: 6.9143, longitude: 100.7391 },
  { title: "เทพา", address: "อำเภอเทพา จังหวัดสงขลา", latitude: 6.8327, longitude: 100.9654 },
  { title: "นาทวี", address: "อำเภอนาทวี จังหวัดสงขลา", latitude: 6.7316, longitude: 100.6889 },
  { title: "สะบ้าย้อย", address: "อำเภอสะบ้าย้อย จังหวัดสงขลา", latitude: 6.6039, longitude: 100.9426 },
];

// Stickers from LINE's list of stickers a user can send (package 446, 789, 11537, 11538).
// The page cannot show LINE's artwork, so each is a labelled placeholder.
export const STICKERS = [
  { packageId: "446", stickerId: "1988" },
  { packageId: "446", stickerId: "1989" },
  { packageId: "446", stickerId: "1990" },
  { packageId: "789", stickerId: "10855" },
  { packageId: "11537", stickerId: "52002734" },
  { packageId: "11538", stickerId: "51626494" },
];
