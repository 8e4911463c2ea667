import {
  badInput,
  type BaseContext,
  isUuid,
  type Language,
  loaderFor,
  preferredLanguage,
} from '@vp/kit';
import { Category } from './category.entity';

/** Every category, in list order; read once per request however many videos ask. */
export async function allCategories(context: BaseContext): Promise<Category[]> {
  const loader = loaderFor<string, Category[]>(context, 'videos.categories', async keys => {
    const rows = await context.em.find(Category, {}, { orderBy: { position: 'asc' } });
    return keys.map(() => rows);
  });
  return (await loader.load('all')) ?? [];
}

export async function categoryOf(
  context: BaseContext,
  id: string | null,
): Promise<Category | null> {
  if (!id) {
    return null;
  }
  return (await allCategories(context)).find(category => category.id === id) ?? null;
}

/** The category id an input names (any case), checked; BAD_USER_INPUT on `field` otherwise. */
export async function requireCategoryId(
  context: BaseContext,
  id: string,
  field: string,
): Promise<string> {
  const category = isUuid(id) ? await categoryOf(context, id.toLowerCase()) : null;
  if (!category) {
    throw badInput(`${field}: Not a category (see the categories query).`, [
      { field, message: 'Not a category (see the categories query).' },
    ]);
  }
  return category.id;
}

/** The request's language, from the Accept-Language header the gateway forwards. */
export const languageOf = (context: BaseContext): Language =>
  preferredLanguage(context.headers?.['accept-language']);

export const nameIn = (category: Category, language: Language) =>
  language === 'en' ? category.nameEn : category.nameJa;
