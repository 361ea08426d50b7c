// The app speaks zod's validation messages in the same sentences as the edge functions (one shared map).
export { installZodSentences, zodIssueSentence } from '../../supabase/functions/_shared/zod-sentences.ts'
