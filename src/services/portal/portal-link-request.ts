/**
 * Whether a message asks for the portal sign-in link: "portal link",
 * "send me the portal", "login link", "app link bhejo", "पोर्टल". Only
 * asked of messages that are not orders, and the answer goes to the
 * dealer's own channel only, so a false positive costs one harmless link.
 */
const PORTAL_LINK = new RegExp(
  [
    String.raw`(?:^|[^\p{L}])portal(?:$|[^\p{L}])`,
    String.raw`(?:^|[^\p{L}])(?:log[- ]?in|sign[- ]?in|app|website)\s+(?:ka\s+|ki\s+)?link(?:$|[^\p{L}])`,
    String.raw`पोर्टल`,
  ].join('|'),
  'iu',
);

export function asksForPortalLink(text: string): boolean {
  return PORTAL_LINK.test(text);
}
