import type { ColumnType, Generated } from "kysely";

/** Tables of the trainings module (Kysely row types); the migration 0008_trainings creates them. */
type Json<T> = ColumnType<T, T | string, T | string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type Numeric = ColumnType<string | null, number | string | null, number | string | null>;

export interface TrainingCoursesTable {
  id: Generated<string>;
  code: string;
  title: Json<{ en?: string; ru?: string }>;
  topic: string;
  level: "basic" | "intermediate" | "advanced";
  pillar: number | null;
  is_demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface TrainingsTable {
  id: Generated<string>;
  course_id: string;
  title: string;
  project: string | null;
  organizer: string | null;
  organizer_partner: string | null;
  starts_on: DateOnly;
  ends_on: DateOnly;
  place: string | null;
  country: string | null;
  format: "in_person" | "online" | "hybrid";
  trainers: Generated<string[]>;
  materials: string | null;
  created_by: string | null;
  is_demo: Generated<boolean>;
  archived_at: Timestamp | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TrainingPersonsTable {
  id: Generated<string>;
  created_at: Generated<Date>;
}

export interface TrainingParticipantsTable {
  id: Generated<string>;
  training_id: string;
  full_name: string | null;
  full_name_native: string | null;
  date_of_birth: string | null;
  sex: "F" | "M" | null;
  country: string | null;
  agency: string | null;
  unit: string | null;
  position: string | null;
  contact: string | null;
  attended: Generated<boolean>;
  completed: Generated<boolean>;
  pre_score: Numeric;
  post_score: Numeric;
  person_id: string | null;
  link_probability: number | null;
  created_by: string | null;
  archived_at: Timestamp | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TrainingLinkDecisionsTable {
  participant_a: string;
  participant_b: string;
  same: boolean;
  decided_by: string | null;
  decided_at: Generated<Date>;
}

export interface TrainingLinkReviewsTable {
  participant_a: string;
  participant_b: string;
  probability: number;
  levels: Json<number[]>;
  weights: Json<number[]>;
  created_at: Generated<Date>;
}

export interface TrainingRepeatAlertsTable {
  id: Generated<string>;
  participant_id: string;
  previous_participant_id: string;
  created_at: Generated<Date>;
}

export type TrainingsTables = {
  training_courses: TrainingCoursesTable;
  trainings: TrainingsTable;
  training_persons: TrainingPersonsTable;
  training_participants: TrainingParticipantsTable;
  training_link_decisions: TrainingLinkDecisionsTable;
  training_link_reviews: TrainingLinkReviewsTable;
  training_repeat_alerts: TrainingRepeatAlertsTable;
};
