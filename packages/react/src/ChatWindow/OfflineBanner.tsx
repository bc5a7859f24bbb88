import { useConnection } from '../hooks/use-connection';
import { useKitRoot, useStrings } from '../provider/use-kit';

/** Props of {@link OfflineBanner}. */
export interface OfflineBannerProps {
  className?: string;
}

/**
 * "Hors ligne : vos messages partiront à la reconnexion", while the connection is down after it
 * was up or while the browser is offline; nothing otherwise. Messages sent meanwhile wait in the
 * outbox, so the banner reassures rather than blocks.
 */
export function OfflineBanner({ className }: OfflineBannerProps) {
  const { status } = useConnection();
  const strings = useStrings();
  const root = useKitRoot('causette-offline-banner', className);
  const down = status === 'reconnecting' || status === 'offline';
  // Always in the DOM, so the live region announces the change when it fills.
  return (
    <div role="status" {...root} hidden={!down}>
      {down ? strings.offlineBanner : null}
    </div>
  );
}
