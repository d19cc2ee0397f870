/** Attribute of a stored payment naming its owner; a read by anyone else answers 404. */
export const OWNER_ATTRIBUTE = 'ownerArn';
