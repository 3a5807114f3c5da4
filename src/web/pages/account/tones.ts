/**
 * Colours for alerts and badges of these pages. Mantine's orange, green and red "light" alerts put shade-6-ish
 * text on a pale background (about 3:1); these darker tones keep text above 4.5:1 (WCAG AA) in light alerts
 * and under white text in filled badges.
 */
export const TONES = { warning: "#a13b00", success: "#1e6b34", danger: "#b02a2a" } as const;
