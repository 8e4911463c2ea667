import { ApiScope, type BaseContext, PlainText, TextLength } from '@vp/kit';
import { ArrayMaxSize } from 'class-validator';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { User } from '../accounts/user.entity';
import { ApiKey } from './api-key.entity';
import {
  apiKeysOf,
  createApiKey,
  MAX_ALLOWED_ORIGINS,
  revokeApiKey,
  setApiKeyBudget,
} from './api-key.service';

@ObjectType('ApiKeyBudget', { description: "A key's own cost budget (a leaky bucket)." })
class ApiKeyBudget {
  @Field(() => Int, { description: 'The most points the bucket holds.' })
  maximumAvailable!: number;

  @Field(() => Int, { description: 'Points restored each second.' })
  restoreRate!: number;
}

@ObjectType('ApiKey', {
  description:
    'A key a program uses instead of a sign-in (Authorization: Bearer vp_…): it acts as its owner, limited to its scopes.',
})
export class ApiKeyType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'What it is for, as its owner named it.' })
  name!: string;

  @Field({
    description:
      'Its first characters (vp_ and 8 more), to tell keys apart; the key itself is shown once.',
  })
  prefix!: string;

  @Field(() => [ApiScope])
  scopes!: string[];

  @Field(() => [String], {
    description: 'Browser origins allowed to use it (CORS); none: servers only.',
  })
  allowedOrigins!: string[];

  @Field(() => ApiKeyBudget, {
    nullable: true,
    description: "Its own cost budget; null: the platform's default for keys.",
  })
  budget!: ApiKeyBudget | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was last used, to within a few minutes.',
  })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

const view = (key: ApiKey): ApiKeyType => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  allowedOrigins: key.allowedOrigins,
  budget:
    key.budgetPoints && key.budgetRestoreRate
      ? { maximumAvailable: key.budgetPoints, restoreRate: key.budgetRestoreRate }
      : null,
  createdAt: key.createdAt,
  lastUsedAt: key.lastUsedAt ?? null,
  revokedAt: key.revokedAt ?? null,
});

@InputType({ description: 'A new API key.' })
class CreateApiKeyInput {
  @Field({ description: 'What it is for, 1–100 characters.' })
  @TextLength(1, 100)
  @PlainText()
  name!: string;

  @Field(() => [ApiScope], {
    description: 'What it may do; ANALYTICS_READ only for ANALYST and ADMIN accounts.',
  })
  scopes!: ApiScope[];

  @Field(() => [String], {
    defaultValue: [],
    description: `Browser origins (https://host[:port]) allowed to call the API with it, at most ${MAX_ALLOWED_ORIGINS}.`,
  })
  @ArrayMaxSize(MAX_ALLOWED_ORIGINS, { message: `At most ${MAX_ALLOWED_ORIGINS} origins.` })
  allowedOrigins!: string[];
}

@ObjectType({
  description: 'A new key: `key` is shown here once and never again (only its hash is kept).',
})
class CreateApiKeyPayload {
  @Field({ description: 'The key itself (vp_…). Keep it secret; it cannot be shown again.' })
  key!: string;

  @Field(() => ApiKeyType)
  apiKey!: ApiKeyType;
}

@InputType({ description: "A key's own cost budget." })
class ApiKeyBudgetInput {
  @Field(() => Int)
  maximumAvailable!: number;

  @Field(() => Int)
  restoreRate!: number;
}

@Resolver(() => User)
export class ApiKeyResolver {
  @Mutation(() => CreateApiKeyPayload, {
    description:
      'Makes an API key for your account (from a signed-in session, not with a key). The key is in this answer only.',
  })
  async createApiKey(
    @Arg('input') input: CreateApiKeyInput,
    @Ctx() ctx: BaseContext,
  ): Promise<CreateApiKeyPayload> {
    const { key, apiKey } = await createApiKey(ctx, input);
    return { key, apiKey: view(apiKey) };
  }

  @Mutation(() => ApiKeyType, {
    description: 'Revokes one of your keys: it stops working from the next request.',
  })
  async revokeApiKey(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<ApiKeyType> {
    return view(await revokeApiKey(ctx, id));
  }

  @Mutation(() => ApiKeyType, {
    description:
      "ADMIN: gives a key its own cost budget (a partner's larger quota), or back the default with null.",
  })
  async setApiKeyBudget(
    @Arg('id', () => ID) id: string,
    @Arg('budget', () => ApiKeyBudgetInput, { nullable: true }) budget: ApiKeyBudgetInput | null,
    @Ctx() ctx: BaseContext,
  ): Promise<ApiKeyType> {
    return view(
      await setApiKeyBudget(
        ctx,
        id,
        budget ? { points: budget.maximumAvailable, restoreRate: budget.restoreRate } : null,
      ),
    );
  }

  @FieldResolver(() => [ApiKeyType], {
    description:
      'Your API keys, newest first, revoked ones included (your own account with a session, or an ADMIN).',
  })
  async apiKeys(@Root() user: User, @Ctx() ctx: BaseContext): Promise<ApiKeyType[]> {
    return (await apiKeysOf(ctx, user)).map(view);
  }
}
