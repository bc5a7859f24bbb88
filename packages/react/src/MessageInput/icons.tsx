// Decorative icons: each button carries its name in text.
const svg = { width: 20, height: 20, viewBox: '0 0 24 24', 'aria-hidden': true, focusable: false };

export function SendIcon() {
  return (
    <svg {...svg} fill="currentColor">
      <path d="M3.4 20.4 21 12 3.4 3.6l-.1 6.5L15 12 3.3 13.9z" />
    </svg>
  );
}

export function ImageIcon() {
  return (
    <svg {...svg} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round">
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <circle cx="9" cy="10" r="1.8" />
      <path d="m21 16-5-5-9 9" />
    </svg>
  );
}

export function CloseIcon() {
  return (
    <svg {...svg} width={16} height={16} fill="none" stroke="currentColor" strokeWidth={2.4}>
      <path d="M6 6l12 12M18 6 6 18" strokeLinecap="round" />
    </svg>
  );
}
