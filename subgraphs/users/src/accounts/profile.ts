import { UserProfileChanged } from '@vp/contracts';
import { type BaseContext, emitEvent, PlainText, Rule, TextLength } from '@vp/kit';
import { Field, InputType } from 'type-graphql';
import { requireAccount } from './account-access';
import { displayNameProblem } from './account-rules';
import { EmailLanguage, type User } from './user.entity';

export const BIO_MAX_LENGTH = 1000;

@InputType({ description: 'Changes to your public profile; a field left out stays as it is.' })
export class UpdateProfileInput {
  @Field(() => String, {
    nullable: true,
    description: 'The name shown on your channel, 1 to 50 visible characters.',
  })
  @Rule(displayNameProblem)
  displayName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `About you: plain text (line breaks allowed), at most ${BIO_MAX_LENGTH} characters; "" clears it.`,
  })
  @TextLength(0, BIO_MAX_LENGTH)
  @PlainText({ lineBreaks: true })
  bio?: string | null;

  @Field(() => EmailLanguage, {
    nullable: true,
    description: 'The language of the emails the platform sends you (receipts, notices).',
  })
  language?: EmailLanguage | null;
}

/** Updates the signed-in account's own profile (the input is already trimmed and checked). */
export async function updateProfile(
  context: BaseContext,
  input: UpdateProfileInput,
): Promise<User> {
  const { user } = await requireAccount(context);
  if (input.displayName != null && input.displayName !== user.displayName) {
    user.displayName = input.displayName;
    // Search finds channels by display name: it learns the new one in the same transaction.
    emitEvent(context.em, UserProfileChanged, {
      userId: user.id,
      handle: user.handle,
      displayName: user.displayName,
      changedAt: new Date().toISOString(),
    });
  }
  if (input.bio != null) {
    user.bio = input.bio;
  }
  if (input.language != null) {
    user.language = input.language === EmailLanguage.EN ? 'en' : 'ja';
  }
  await context.em.flush();
  return user;
}
