import type { Listing } from './catalog';

/** A drawn picture of the listing: sky, building, roof, windows, in the listing's colours. */
export function ListingPicture({ listing, className }: { listing: Listing; className?: string }) {
  const [sky, wall, roof] = listing.palette;
  const floors = Math.min(4, Math.max(1, listing.rooms));
  const top = 160 - floors * 30;
  const windows = [];
  for (let floor = 0; floor < floors; floor++) {
    for (let column = 0; column < 3; column++) {
      windows.push(
        <rect
          key={`${floor}-${column}`}
          x={78 + column * 52}
          y={156 - floor * 30}
          width={26}
          height={20}
          rx={3}
          fill="#fff"
          stroke={roof}
          strokeWidth={2}
        />,
      );
    }
  }
  return (
    <svg
      className={className}
      viewBox="0 0 320 200"
      role="img"
      aria-label={listing.title}
      preserveAspectRatio="xMidYMid slice"
    >
      <rect width="320" height="200" fill={sky} />
      <circle cx="268" cy="42" r="20" fill="#ffd166" />
      <rect x="60" y={top} width="200" height={190 - top} fill={wall} />
      <path d={`M48 ${top + 4} L160 ${top - 36} L272 ${top + 4} Z`} fill={roof} />
      {windows}
      <rect x="0" y="186" width="320" height="14" fill="#7bb661" />
    </svg>
  );
}
