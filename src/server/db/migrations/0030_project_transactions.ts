import { type Kysely, sql } from "kysely";

/**
 * ADAM funding as transactions (issue 20): commitments, disbursements and expenditures per project and donor, each
 * with its date, amount and currency, converted to USD at the rate of its own date. The one funding amount per
 * donor that projects held until now was a commitment, so the table is renamed and every row kept as it is, typed
 * `commitment` and dated at its commitment date (amount, currency, donor, rate and USD value unchanged: nothing
 * is lost, and the totals stay the same; `projects.migration-0030.test.ts` compares them before and after).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table project_fundings rename to project_transactions`.execute(db);
  await sql`alter table project_transactions rename column commitment_date to transaction_date`.execute(db);
  await sql`alter table project_transactions rename constraint project_fundings_pkey to project_transactions_pkey`.execute(
    db,
  );
  await sql`alter table project_transactions rename constraint project_fundings_project_id_fkey to project_transactions_project_id_fkey`.execute(
    db,
  );
  await sql`alter table project_transactions rename constraint project_fundings_amount_check to project_transactions_amount_check`.execute(
    db,
  );
  await sql`alter index project_fundings_donor_code_idx rename to project_transactions_donor_code_idx`.execute(db);
  await sql`alter index project_fundings_currency_idx rename to project_transactions_currency_idx`.execute(db);
  // IATI's TransactionType: 2 outgoing commitment, 3 disbursement, 4 expenditure.
  await sql`
    alter table project_transactions add column transaction_type text not null default 'commitment'
      check (transaction_type in ('commitment', 'disbursement', 'expenditure'))`.execute(db);
  await sql`alter table project_transactions alter column transaction_type drop default`.execute(db);
  // Planned against actual over time: the figures read the flows of a type by date.
  await sql`create index project_transactions_type_date_idx on project_transactions (transaction_type, transaction_date)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index project_transactions_type_date_idx`.execute(db);
  await sql`delete from project_transactions where transaction_type <> 'commitment'`.execute(db);
  await sql`alter table project_transactions drop column transaction_type`.execute(db);
  await sql`alter index project_transactions_currency_idx rename to project_fundings_currency_idx`.execute(db);
  await sql`alter index project_transactions_donor_code_idx rename to project_fundings_donor_code_idx`.execute(db);
  await sql`alter table project_transactions rename constraint project_transactions_amount_check to project_fundings_amount_check`.execute(
    db,
  );
  await sql`alter table project_transactions rename constraint project_transactions_project_id_fkey to project_fundings_project_id_fkey`.execute(
    db,
  );
  await sql`alter table project_transactions rename constraint project_transactions_pkey to project_fundings_pkey`.execute(
    db,
  );
  await sql`alter table project_transactions rename column transaction_date to commitment_date`.execute(db);
  await sql`alter table project_transactions rename to project_fundings`.execute(db);
}
