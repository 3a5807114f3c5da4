import { SimpleGrid, TextInput } from "@mantine/core";
import { type QueryKey, type UseMutationResult, useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormCard } from "../../components/form-card.js";
import { problemFieldErrors } from "../../components/form-errors.js";

/** How a text field of a national-data form reads: a decimal or whole number gets the matching keyboard. */
export interface TextFieldOptions {
  inputMode?: "decimal" | "numeric";
  required?: boolean;
  maxLength?: number;
}

interface Options<F extends Record<string, string>> {
  initial: F;
  submit: (values: F) => Promise<unknown>;
  /** The values the form keeps after a save (the entered figures are cleared, the rest as the tab wants). */
  afterSave: (values: F) => F;
  /** Queries to refresh after a save. */
  invalidate: QueryKey;
}

/**
 * The state of a national-data entry form (indicators, reported totals): its text values, the save mutation with the
 * server's field errors, and `text(key, label)`, a text field bound to one value.
 */
export function useNationalDataForm<F extends Record<string, string>>(options: Options<F>) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [values, setValues] = useState<F>(options.initial);
  const save = useMutation({
    mutationFn: () => options.submit(values),
    onSuccess: () => {
      setValues(options.afterSave(values));
      void client.invalidateQueries({ queryKey: options.invalidate });
    },
  });
  const errors = problemFieldErrors(t, save.error);
  const text = (key: keyof F & string, label: string, field: TextFieldOptions = {}) => (
    <TextInput
      key={key}
      label={label}
      value={values[key]}
      onChange={(e) => setValues({ ...values, [key]: e.currentTarget.value })}
      error={errors[key]}
      {...field}
    />
  );
  return { values, setValues, save, errors, text };
}

interface FormProps {
  title: string;
  saveLabel: string;
  /** Columns of the field grid on a wide screen. */
  columns: number;
  save: UseMutationResult<unknown, Error, void>;
  /** The fields, in the grid. */
  children: ReactNode;
}

/** The card of a national-data entry form: the fields in a grid. */
export function NationalDataForm({ title, saveLabel, columns, save, children }: FormProps) {
  return (
    <FormCard title={title} order={3} saveLabel={saveLabel} save={save}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: columns }} spacing="sm">
        {children}
      </SimpleGrid>
    </FormCard>
  );
}
