import { Alert } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../common/format.js";
import { useConnection } from "../connection.js";
import { useLanguage } from "../i18n/index.js";

/** "You are offline — showing data from <time>", while the page shows answers the service worker kept. */
export function OfflineBanner() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { offline, dataFrom } = useConnection();
  if (!offline) return null;
  return (
    <Alert role="status" color="yellow" variant="light" mb="md" data-testid="offline-banner">
      {dataFrom === null
        ? t("connection.offlineBannerUnknown")
        : t("connection.offlineBanner", { time: formatDateTime(new Date(dataFrom), lang) })}
    </Alert>
  );
}
