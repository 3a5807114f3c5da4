/** A liaison officer's country (ISO 3166-1 alpha-3); their rights on country data are limited to these. */
export interface UserCountryScopesTable {
  user_id: string;
  country_code: string;
}

export interface UsersTables {
  user_country_scopes: UserCountryScopesTable;
}
