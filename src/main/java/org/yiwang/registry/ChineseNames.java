package org.yiwang.registry;

import java.util.Random;

/**
 * Realistic Chinese names for demo data: surnames weighted by their frequency in China, given names of one or two
 * characters chosen by sex. Deterministic for a given {@link Random}.
 */
public final class ChineseNames {

    /** The most common surnames with rough relative frequency (per mille of the population). */
    private static final String[] SURNAMES = {
            "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
            "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "邓", "韩", "冯", "曹", "彭", "曾", "肖", "田", "董", "潘",
            "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "卢", "姚", "沈", "钟", "姜",
            "崔", "谭", "陆", "范", "汪", "廖", "石", "金", "韦", "贾", "夏", "付", "方", "邹", "熊", "白", "孟", "秦",
            "邱", "侯", "江", "尹", "薛", "闫", "段", "雷", "龙", "黎", "史", "陶", "贺", "毛", "郝", "顾", "龚", "邵",
            "万", "覃", "武", "钱", "戴", "严", "莫", "孔", "向", "常", "欧阳"};
    private static final int[] SURNAME_WEIGHTS = {
            72, 71, 68, 54, 46, 31, 19, 19, 18, 17, 13, 12, 12, 11, 11, 10, 9, 9,
            9, 8, 7, 7, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 5, 5, 5, 4,
            4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3,
            3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2,
            2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
            2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1};
    private static final int SURNAME_TOTAL = sum(SURNAME_WEIGHTS);

    private static final String MALE_CHARS = "伟强磊军勇杰涛斌明超刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林建国志文博成东海峰亮松晨阳毅鸿";
    private static final String FEMALE_CHARS = "芳娜敏静丽艳娟霞秀英慧莹雪琳玉萍红玲燕梅婷佳欣怡晶洁颖倩琴云兰丹璐萱悦彤雅思月清";

    private ChineseNames() {
    }

    /** A surname, weighted by frequency. */
    public static String surname(Random random) {
        int pick = random.nextInt(SURNAME_TOTAL);
        for (int i = 0; i < SURNAMES.length; i++) {
            pick -= SURNAME_WEIGHTS[i];
            if (pick < 0) {
                return SURNAMES[i];
            }
        }
        throw new IllegalStateException("weights out of sync");
    }

    /** A given name of one character (a quarter of names) or two, fitting the sex. */
    public static String givenName(Random random, boolean male) {
        String chars = male ? MALE_CHARS : FEMALE_CHARS;
        String first = String.valueOf(chars.charAt(random.nextInt(chars.length())));
        if (random.nextInt(4) == 0) {
            return first;
        }
        String second;
        do {
            second = String.valueOf(chars.charAt(random.nextInt(chars.length())));
        } while (second.equals(first));
        return first + second;
    }

    /** A full name: a weighted surname and a given name fitting the sex. */
    public static String fullName(Random random, boolean male) {
        return surname(random) + givenName(random, male);
    }

    private static int sum(int[] values) {
        int total = 0;
        for (int value : values) {
            total += value;
        }
        return total;
    }
}
