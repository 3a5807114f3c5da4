import { Text } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";

/** The way back to the home page under a sign-in or registration form. */
export function HomeLink() {
  const { t } = useTranslation();
  return (
    <Text size="sm">
      <Link to="/" activeOptions={{ exact: true }}>
        {t("notFound.home")}
      </Link>
    </Text>
  );
}
