import { z } from 'zod'
import { action, emptyInputSchema } from '../common'

export const systemContract = {
  ping: action({
    who: '任何已登录的人',
    input: emptyInputSchema,
    output: z.object({ pong: z.literal(true), at: z.string() }),
  }),
}
