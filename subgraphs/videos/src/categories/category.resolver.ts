import { type BaseContext, PUBLIC_CACHE } from '@vp/kit';
import { Ctx, FieldResolver, Query, Resolver, Root, Directive } from 'type-graphql';
import { Video } from '../videos/video.entity';
import { Category } from './category.entity';
import { allCategories, categoryOf, languageOf, nameIn } from './category.service';

@Resolver(() => Category)
export class CategoryResolver {
  @Directive(PUBLIC_CACHE)
  @Query(() => [Category], {
    description:
      'Every video category, in display order; names in Japanese or English by Accept-Language (Japanese by default).',
  })
  categories(@Ctx() context: BaseContext): Promise<Category[]> {
    return allCategories(context);
  }

  @FieldResolver(() => String, {
    description:
      'Its name in the language of Accept-Language (ja or en; ja when neither is asked for).',
  })
  name(@Root() category: Category, @Ctx() context: BaseContext): string {
    return nameIn(category, languageOf(context));
  }
}

@Resolver(() => Video)
export class VideoCategoryResolver {
  @FieldResolver(() => Category, { nullable: true, description: 'Its category, if it has one.' })
  category(@Root() video: Video, @Ctx() context: BaseContext): Promise<Category | null> {
    return categoryOf(context, video.categoryId);
  }
}

/** `_entities` for Category (search and other subgraphs name categories by id). */
export const resolveCategoryReference = (reference: { id: string }, context: BaseContext) =>
  categoryOf(context, reference.id?.toLowerCase?.() ?? null);
