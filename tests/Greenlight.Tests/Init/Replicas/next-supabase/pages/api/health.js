import { createClient } from "@supabase/supabase-js";

const supabase = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_ANON_KEY);

export default async function handler(req, res) {
  const { error } = await supabase.from("profiles").select("id").limit(1);
  res.status(error ? 503 : 200).json({ ok: !error });
}
