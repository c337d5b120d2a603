-- expect: none
-- squawk-covered: none
-- Quoted, schema-qualified names: the validated CHECK on customers.email covers the SET NOT NULL.
SET lock_timeout = '2s';
SET statement_timeout = '60s';

ALTER TABLE "public"."customers" ADD CONSTRAINT "customers_email_nn" CHECK ("email" IS NOT NULL) NOT VALID;

ALTER TABLE "public"."customers" VALIDATE CONSTRAINT "customers_email_nn";

ALTER TABLE "public"."customers" ALTER COLUMN "email" SET NOT NULL;

ALTER TABLE "public"."customers" DROP CONSTRAINT "customers_email_nn";
